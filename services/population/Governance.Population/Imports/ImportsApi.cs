using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Governance.Population.Imports;

/// <summary>
/// Imports under <c>/api/population/imports</c>: upload a file (multipart with a <c>file</c> part, or the
/// raw file as the body; <c>kind</c>, <c>org</c>, <c>format</c> as form fields or in the query), then follow
/// the job and fetch its rejected rows.
/// </summary>
public static class ImportsApi
{
    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        var imports = app.MapGroup("/api/population/imports");
        imports.MapPost("", Upload).ProducesRefusals(400, 403);
        imports.MapGet("/{id:guid}", Get).ProducesRefusals(404);
        imports.MapGet("/{id:guid}/rejected", Rejected).ProducesRefusals(400, 404, 409);
        return app;
    }

    private static async Task<Accepted<ImportView>> Upload(HttpContext http, ImportUploads uploads, IOptions<ImportOptions> options,
        string? kind, string? org, string? format, CancellationToken ct)
    {
        // Refused before the body is read, when the query names the org (a form's fields come with the body).
        if (OrgPath.TryParse(org, out var declared)) await http.EnsurePermittedAsync(Persons.PopulationPermissions.Register, declared);
        var max = (long)options.Value.MaxUploadMegabytes << 20;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = max + (1 << 20);
        var spooled = Path.Combine(Path.GetTempPath(), "governance-imports", "upload-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(Path.GetDirectoryName(spooled)!);
        try
        {
            var fields = new Dictionary<string, string?> { ["kind"] = kind, ["org"] = org, ["format"] = format };
            string? fileName = null;
            await using (var file = File.Create(spooled))
            {
                if (MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
                    fileName = await ReadMultipartAsync(http.Request, HeaderUtilities.RemoveQuotes(type.Boundary).Value ?? "", file, fields, max, ct);
                else
                    await CopyLimitedAsync(http.Request.Body, file, max, ct);
            }
            var job = await uploads.QueueAsync(http.Caller(), new ImportUploads.Upload(fields["kind"], fields["org"], fields["format"], fileName, spooled), ct);
            return TypedResults.Accepted($"/api/population/imports/{job.Id}", ImportView.Of(job, UserLanguages.Of(http.Request)));
        }
        finally
        {
            File.Delete(spooled);
        }
    }

    private static async Task<string?> ReadMultipartAsync(HttpRequest request, string boundary, Stream file, Dictionary<string, string?> fields, long max, CancellationToken ct)
    {
        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = max + 1 };
        string? fileName = null;
        var sawFile = false;
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
            if (disposition.IsFileDisposition())
            {
                if (sawFile) throw DomainException.Invalid("file", "Send one file per import.");
                sawFile = true;
                fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                await CopyLimitedAsync(section.Body, file, max, ct);
            }
            else if (disposition.IsFormDisposition() && HeaderUtilities.RemoveQuotes(disposition.Name).Value is { } name && fields.ContainsKey(name))
            {
                using var text = new StreamReader(section.Body);
                var value = await text.ReadToEndAsync(ct);
                fields[name] = value.Length > 300 ? value[..300] : value;
            }
        }
        if (!sawFile) throw DomainException.Invalid("file", "Send the file as the form's 'file' part.");
        return fileName;
    }

    private static async Task CopyLimitedAsync(Stream from, Stream to, long max, CancellationToken ct)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await from.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > max) throw DomainException.Invalid("file", $"The file is larger than {max >> 20} MB.");
            await to.WriteAsync(buffer.AsMemory(0, read), ct);
        }
    }

    /// <summary>The job's status and progress.</summary>
    private static async Task<Ok<ImportView>> Get(HttpContext http, ImportJobs jobs, Guid id, CancellationToken ct) =>
        TypedResults.Ok(ImportView.Of(await jobs.GetAsync(http.Caller(), id, ct), UserLanguages.Of(http.Request)));

    /// <summary>The rejected rows (row, column, reason in Chinese and English), as CSV (the default) or xlsx.</summary>
    private static async Task<FileContentHttpResult> Rejected(HttpContext http, ImportJobs jobs, Guid id, string? format, CancellationToken ct)
    {
        var (content, type) = await jobs.RejectedReportAsync(http.Caller(), id, format, ct);
        var extension = type.StartsWith("text/csv", StringComparison.Ordinal) ? "csv" : "xlsx";
        return TypedResults.File(content, type, $"import-{id:n}-rejected.{extension}");
    }
}
