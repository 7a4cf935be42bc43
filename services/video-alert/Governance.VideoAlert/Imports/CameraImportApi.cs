using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Governance.VideoAlert.Imports;

/// <summary>
/// <c>POST /api/videoalert/cameras/import</c>: a multipart form with one <c>file</c> part (CSV in UTF-8, or xlsx), at most
/// <see cref="CameraImport.MaxBytes"/> and <see cref="CameraImport.MaxRows"/> rows. 201 with the report when every
/// camera was written; 422 with the report (every refused row, field and reason) when none was.
/// </summary>
public static class CameraImportApi
{
    public static IEndpointRouteBuilder MapCameraImportApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/videoalert/cameras/import", Import).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(CameraImport.MaxBytes + 64 * 1024))
            .Accepts<IFormFile>("multipart/form-data").ProducesRefusals(400, 403, 409, 413, 503);
        return app;
    }

    private static async Task<Results<Created<ImportReport>, UnprocessableEntity<ImportReport>>> Import(HttpContext http, CameraImport import, CancellationToken ct)
    {
        // Whoever holds camera.manage nowhere is refused before the file is read; within reach is checked row by row.
        if ((await http.PermittedSubtreesAsync(VideoAlertPermissions.CameraManage)).Count == 0)
            throw DomainException.Forbidden("Importing cameras needs the camera.manage permission.");
        if (!http.Request.HasFormContentType) throw DomainException.Invalid("file", "Send the file as multipart/form-data in a part named file.");
        var form = await http.Request.ReadFormAsync(ct);
        if (form.Files.Count != 1 || form.Files[0] is not { Length: > 0 } file)
            throw DomainException.Invalid("file", "Send one non-empty file (CSV in UTF-8, or xlsx) in a part named file.");
        if (file.Length > CameraImport.MaxBytes) throw DomainException.Invalid("file", $"The file must not be larger than {CameraImport.MaxBytes / 1024} KB.");
        using var copy = new MemoryStream((int)file.Length);
        await file.CopyToAsync(copy, ct);
        copy.Position = 0;
        var format = CameraFile.Detect(file.FileName, copy.GetBuffer().AsSpan(0, (int)Math.Min(4, copy.Length)));
        var report = await import.ImportAsync(http.Caller(), copy, format, UserLanguages.Of(http.Request), ct);
        return report.Written ? TypedResults.Created((string?)null, report) : TypedResults.UnprocessableEntity(report);
    }
}
