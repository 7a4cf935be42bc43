using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Governance.Contracts.VideoAlert;
using Governance.VideoAlert.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static Governance.VideoAlert.Tests.Infrastructure.VideoAlertHost;

namespace Governance.VideoAlert.Tests.Imports;

/// <summary>
/// Camera import from CSV and xlsx with a real grid host placing each row: a file with any refused row writes nothing and
/// reports every refused row (field and reason); a good file writes every camera with its CameraRegistered event.
/// </summary>
public sealed class CameraImportTests() : GridAndVideoAlertHosts
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, JsonElement Body)> ImportAsync(HttpClient client, byte[] file, string name)
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".csv") ? "text/csv" : "application/octet-stream");
        form.Add(part, "file", name);
        using var response = await client.PostAsync("/api/videoalert/cameras/import", form, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }

    private Task<int> CamerasAsync() => Host.QueryAsync(db => db.Cameras.CountAsync(Ct));

    [Fact]
    public async Task A_CSV_with_refused_rows_writes_nothing_and_reports_each_then_a_good_xlsx_writes_every_camera()
    {
        var admin = As("admin", County);
        using (var registered = await admin.PostAsJsonAsync("/api/videoalert/cameras", CameraBodies.Body("63280100001320000009"), Ct))
            registered.EnsureSuccessStatusCode();

        var csv = """
            deviceId,name,longitude,latitude,owner,keyArea,password,platformId
            63280100001320000011,黄河路口,94.905,36.405,public,true,cam-pass-11,
            63280100001320000011,黄河路口二,94.906,36.405,public,false,cam-pass-12,
            63280100001320000013,昆仑路,94.915,36.405,公司,否,cam-pass-13,
            63280100001320000014,城外,95.5,36.405,social,否,cam-pass-14,
            63280100001320000009,已登记,94.905,36.406,社会资源,是,cam-pass-15,
            63280100001320000016,无密码,94.905,36.406,public,是,,
            """;
        var (status, report) = await ImportAsync(admin, Encoding.UTF8.GetBytes(csv), "cameras.csv");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.False(report.GetProperty("written").GetBoolean());
        var rows = report.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("row").GetInt32());
        Assert.Equal("valid", rows[2].GetProperty("status").GetString());
        string Refusal(int row) => rows[row].GetProperty("status").GetString() + ":" + rows[row].GetProperty("field").GetString();
        Assert.Equal(["refused:deviceId", "refused:owner", "refused:latitude", "refused:deviceId", "refused:password"], [Refusal(3), Refusal(4), Refusal(5), Refusal(6), Refusal(7)]);
        Assert.Equal(5, report.GetProperty("refused").GetInt32());
        Assert.Contains("第2行", rows[3].GetProperty("message").GetString()); // Chinese first
        Assert.Equal(1, await CamerasAsync());
        await Host.Events.WaitForAsync<CameraRegistered>(e => e.DeviceId == "63280100001320000009");
        Assert.Single(await Host.Events.AllAsync<CameraRegistered>(_ => true));

        // Without camera.manage: refused before the file is read.
        var (leader, _) = await ImportAsync(As("grid_leader", Grid1), Encoding.UTF8.GetBytes(csv), "cameras.csv");
        Assert.Equal(HttpStatusCode.Forbidden, leader);
        // A header missing a column is refused naming it.
        var (header, problem) = await ImportAsync(admin, Encoding.UTF8.GetBytes("deviceId,name,longitude,latitude\n63280100001320000011,x,94.905,36.405\n"), "c.csv");
        Assert.Equal(HttpStatusCode.BadRequest, header);
        Assert.True(problem.GetProperty("errors").TryGetProperty("owner", out _), problem.GetRawText());

        // The same cameras as an xlsx with Chinese headings and words, one behind a platform: all written, each announced.
        using (var platform = await admin.PostAsJsonAsync("/api/videoalert/platforms",
            new { deviceId = CameraBodies.Platform, name = "社会资源平台", orgPath = Community, password = "plat-pass-01" }, Ct)) platform.EnsureSuccessStatusCode();
        var sheet = new[]
        {
            Row("63280100001320000011", "黄河路口", 94.905, "公共", "是", "cam-pass-11", null),
            Row("63280100001320000013", "昆仑路", 94.915, "社会资源", "否", null, CameraBodies.Platform),
        };
        using var xlsx = new MemoryStream();
        await xlsx.SaveAsAsync(sheet, excelType: ExcelType.XLSX, cancellationToken: Ct);
        (status, report) = await ImportAsync(admin, xlsx.ToArray(), "cameras.xlsx");
        Assert.True(status == HttpStatusCode.Created, report.GetRawText());
        Assert.Equal(2, report.GetProperty("created").GetInt32());
        Assert.All(report.GetProperty("rows").EnumerateArray(), r => Assert.Equal("created", r.GetProperty("status").GetString()));
        var cameras = await Host.QueryAsync(db => db.Cameras.Where(c => c.DeviceId != "63280100001320000009").OrderBy(c => c.DeviceId).ToListAsync(Ct));
        Assert.Equal([(Grid1, "public", true, (string?)null), (Grid2, "social", false, CameraBodies.Platform)],
            cameras.Select(c => (c.OrgPath, c.Owner, c.KeyArea, c.PlatformId)));
        await Host.Events.WaitForAsync<CameraRegistered>(e => e.DeviceId == "63280100001320000013");
        Assert.Equal(3, (await Host.Events.AllAsync<CameraRegistered>(_ => true)).Count);
    }

    private static Dictionary<string, object?> Row(string id, string name, double longitude, string owner, string keyArea, string? password, string? platformId) => new()
    {
        ["设备编码"] = id, ["名称"] = name, ["经度"] = longitude, ["纬度"] = 36.405, ["归属"] = owner, ["重点区域"] = keyArea,
        ["密码"] = password, ["平台编码"] = platformId,
    };
}
