using System.Globalization;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Data;

namespace Governance.VideoAlert.Imports;

/// <summary>
/// Imports cameras from a file, all or nothing: every row is checked as <c>POST /cameras</c> checks one (fields, the
/// platform, its grid by LocateGrid, camera.manage over that grid's org, not registered yet) and against the rows
/// above it; if any row is refused nothing is written and the report lists every refused row, so the county fixes the
/// file and sends it again whole (a half-imported file would leave it guessing which rows to resend). Otherwise every
/// camera is written in one transaction with its CameraRegistered event.
/// </summary>
public sealed class CameraImport(VideoAlertDb db, CameraRegistry registry)
{
    public const int MaxRows = 2000;
    public const long MaxBytes = 2 * 1024 * 1024;

    public async Task<ImportReport> ImportAsync(Caller caller, Stream file, string format, UserLanguage language, CancellationToken ct)
    {
        var rows = CameraFile.Read(file, format, MaxRows);
        if (rows.Count == 0) throw DomainException.Invalid("file", "The file holds no camera rows below its header.");
        var report = new List<ImportReport.Line>(rows.Count);
        var cameras = new List<Camera>(rows.Count);
        var firstRow = new Dictionary<string, int>();
        foreach (var row in rows)
        {
            var deviceId = row.Text("deviceId");
            try
            {
                var request = RequestOf(row);
                if (deviceId is not null && firstRow.TryGetValue(deviceId, out var first))
                    throw DomainException.Invalid("deviceId", $"The device {deviceId} is already in row {first} of this file.");
                Camera camera;
                try
                {
                    camera = await registry.CheckAsync(caller, request, ct);
                }
                catch (DomainException e) when (e.Field is null && e.Kind == DomainErrorKind.Duplicate)
                {
                    throw DomainException.Invalid("deviceId", $"Device {deviceId} is already registered.");
                }
                catch (DomainException e) when (e.Field is null && e.Kind == DomainErrorKind.Forbidden)
                {
                    throw DomainException.Invalid("longitude", "The point lies in a grid outside your reach: you may not register cameras there.");
                }
                cameras.Add(camera);
                report.Add(new ImportReport.Line(row.Number, deviceId, ImportReport.Status.Valid, null, null));
            }
            catch (DomainException e) when (e.Kind != DomainErrorKind.Unavailable)
            {
                report.Add(new ImportReport.Line(row.Number, deviceId, ImportReport.Status.Refused, e.Field ?? "deviceId", e.MessageIn(language)));
            }
            if (deviceId is not null) firstRow.TryAdd(deviceId, row.Number);
        }
        if (report.Any(l => l.Status == ImportReport.Status.Refused)) return new ImportReport(false, 0, report.Count(l => l.Status == ImportReport.Status.Refused), report);

        foreach (var camera in cameras)
        {
            db.Cameras.Add(camera);
            db.AddToOutbox(CameraRegistry.Registered(camera), camera.DeviceId);
        }
        // One SaveChanges is one transaction: all cameras and their events, or (a camera registered meanwhile) none.
        await db.SaveOrConflictAsync(() => DomainException.Duplicate($"A camera of the file was registered meanwhile; send the file again."), ct: ct);
        return new ImportReport(true, cameras.Count, 0, report.Select(l => l with { Status = ImportReport.Status.Created }).ToList());
    }

    private static CameraRequest RequestOf(CameraFile.Row row) => new(row.Text("deviceId"), row.Text("name"),
        Number(row, "longitude"), Number(row, "latitude"), Owner(row.Text("owner")), KeyArea(row.Text("keyArea")), row.Text("password"), row.Text("platformId"));

    private static double? Number(CameraFile.Row row, string column)
    {
        if (!row.Cells.TryGetValue(column, out var cell)) return null;
        if (cell is double d) return d;
        return double.TryParse(Convert.ToString(cell, CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            ? parsed : throw DomainException.Invalid(column, $"The {column} must be a number in degrees (WGS84).");
    }

    /// <summary>public / social, or the headings a county's list uses: 公共 (公共资源), 社会 (社会资源).</summary>
    private static string? Owner(string? text) => text switch
    {
        "公共" or "公共资源" => CameraChecks.Public,
        "社会" or "社会资源" => CameraChecks.Social,
        _ => text?.ToLowerInvariant(),
    };

    private static bool? KeyArea(string? text) => text?.ToLowerInvariant() switch
    {
        null => null,
        "是" or "true" or "yes" or "1" => true,
        "否" or "false" or "no" or "0" => false,
        _ => throw DomainException.Invalid("keyArea", "The keyArea must be true or false (in Chinese: yes or no)."),
    };
}

/// <summary>
/// The answer to an import: whether the file was written, and a line per row (created, refused with the field and the
/// reason in the caller's language, or valid but not written because another row was refused).
/// </summary>
public sealed record ImportReport(bool Written, int Created, int Refused, IReadOnlyList<ImportReport.Line> Rows)
{
    /// <summary>A row's status words.</summary>
    public static class Status
    {
        public const string Created = "created";
        public const string Refused = "refused";
        public const string Valid = "valid";
    }

    public sealed record Line(int Row, string? DeviceId, string Status, string? Field, string? Message);
}
