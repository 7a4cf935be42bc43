using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.VideoAlert;
using Governance.VideoAlert.Devices;
using Governance.VideoAlert.Sip;
using Governance.VideoAlert.Status;
using Governance.VideoAlert.Tests.Infrastructure;
using Governance.VideoAlert.Tests.Sip;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.VideoAlert.Tests.Infrastructure.VideoAlertHost;

namespace Governance.VideoAlert.Tests.Cameras;

/// <summary>
/// Retiring a camera taken down (issue 14): the version read and a reason, camera.manage over its org (out of reach
/// reads as 404); it leaves the list and the figures (<c>?retired=true</c> shows it), its SIP credential stops working
/// (REGISTER gets the unknown device's 404, the cached entry is dropped), its alarms are refused, its id is never
/// registered again, and <c>CameraRetired</c> is published through the outbox.
/// </summary>
public sealed class CameraRetirementTests() : GridAndVideoAlertHosts(new Dictionary<string, string?>
{
    ["VideoAlert:Sip:Intake:PlatformId"] = SipText.Platform,
    ["VideoAlert:Sip:Intake:Domain"] = SipText.Domain,
})
{
    private const string Camera3 = "63280100001320000003";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Url(string deviceId) => $"/api/videoalert/cameras/{deviceId}/retire";

    private async Task RegisterAsync(object body)
    {
        using var response = await Admin.PostAsJsonAsync("/api/videoalert/cameras", body, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    private async Task<JsonElement> RetireAsync(string deviceId, int version, string reason = "Pole removed for road works")
    {
        using var response = await Admin.PostAsJsonAsync(Url(deviceId), new { version, reason }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null, string? says = null)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {text}");
        if (field is not null) Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), text);
        if (says is not null) Assert.True(text.Contains(says, StringComparison.Ordinal), text);
    }

    private static IEnumerable<string?> Ids(JsonElement list) => list.EnumerateArray().Select(c => c.GetProperty("deviceId").GetString());

    [Fact]
    public async Task A_retired_camera_leaves_the_list_and_the_figures_is_read_by_id_and_publishes_CameraRetired()
    {
        await RegisterAsync(CameraBodies.Body(CameraBodies.Camera1, GridForCameras.InGrid1));
        await RegisterAsync(CameraBodies.Body(Camera3, GridForCameras.InGrid1, keyArea: false));

        var retired = await RetireAsync(Camera3, 1, "  Pole removed for road works ");
        Assert.Equal((2, "Pole removed for road works", "admin-1"), (retired.GetProperty("version").GetInt32(),
            retired.GetProperty("retireReason").GetString(), retired.GetProperty("retiredBy").GetString()));
        Assert.Equal(JsonValueKind.String, retired.GetProperty("retiredAt").ValueKind);

        var centre = As("centre_operator", County);
        Assert.Equal([CameraBodies.Camera1], Ids(await centre.GetFromJsonAsync<JsonElement>("/api/videoalert/cameras", Ct)));
        Assert.Equal([Camera3], Ids(await centre.GetFromJsonAsync<JsonElement>("/api/videoalert/cameras?retired=true", Ct)));
        var read = await centre.GetFromJsonAsync<JsonElement>($"/api/videoalert/cameras/{Camera3}", Ct);
        Assert.Equal("Pole removed for road works", read.GetProperty("retireReason").GetString());
        var figures = Assert.Single((await centre.GetFromJsonAsync<JsonElement>("/api/videoalert/figures?by=grid", Ct)).EnumerateArray());
        Assert.Equal((Grid1, 1, 1), (figures.GetProperty("orgPath").GetString(), figures.GetProperty("cameras").GetInt32(), figures.GetProperty("keyAreaCameras").GetInt32()));

        var e = await Host.Events.WaitForAsync<CameraRetired>(x => x.DeviceId == Camera3);
        Assert.Equal((Camera3, "632801001002001", Grid1, "Pole removed for road works"), (e.DeviceId, e.GridCode, e.OrgPath, e.Reason));

        // Retired once: a second retirement, or an edit, is refused.
        using var again = await Admin.PostAsJsonAsync(Url(Camera3), new { version = 2, reason = "again" }, Ct);
        await AssertRefusedAsync(again, HttpStatusCode.Conflict, says: "已退役");
        using var edit = await Admin.PatchAsJsonAsync($"/api/videoalert/cameras/{Camera3}", new { version = 2, name = "x" }, Ct);
        await AssertRefusedAsync(edit, HttpStatusCode.Conflict);
        Assert.Single(await Host.Events.AllAsync<CameraRetired>(_ => true));
    }

    [Fact]
    public async Task Retiring_needs_the_version_read_a_reason_and_the_camera_in_reach()
    {
        await RegisterAsync(CameraBodies.Body(CameraBodies.Camera1, GridForCameras.InGrid1));
        var url = Url(CameraBodies.Camera1);

        using var noVersion = await Admin.PostAsJsonAsync(url, new { reason = "gone" }, Ct);
        await AssertRefusedAsync(noVersion, HttpStatusCode.BadRequest, "version");
        using var noReason = await Admin.PostAsJsonAsync(url, new { version = 1 }, Ct);
        await AssertRefusedAsync(noReason, HttpStatusCode.BadRequest, "reason");
        using var blankReason = await Admin.PostAsJsonAsync(url, new { version = 1, reason = "   " }, Ct);
        await AssertRefusedAsync(blankReason, HttpStatusCode.BadRequest, "reason");
        using var stale = await Admin.PostAsJsonAsync(url, new { version = 7, reason = "gone" }, Ct);
        await AssertRefusedAsync(stale, HttpStatusCode.Conflict);
        // Another community's admin does not reach it: as absent as an id never registered.
        using var outOfReach = await As("admin", OtherCommunity).PostAsJsonAsync(url, new { version = 1, reason = "gone" }, Ct);
        await AssertRefusedAsync(outOfReach, HttpStatusCode.NotFound);
        using var absent = await Admin.PostAsJsonAsync(Url("63280100001320009999"), new { version = 1, reason = "gone" }, Ct);
        await AssertRefusedAsync(absent, HttpStatusCode.NotFound);
        // A centre operator reads the camera but does not manage it.
        using var operatorRetires = await As("centre_operator", County).PostAsJsonAsync(url, new { version = 1, reason = "gone" }, Ct);
        await AssertRefusedAsync(operatorRetires, HttpStatusCode.Forbidden);

        var stored = await Host.QueryAsync(db => db.Cameras.SingleAsync(c => c.DeviceId == CameraBodies.Camera1, Ct));
        Assert.Equal((1, null), (stored.Version, stored.RetiredAt));
        Assert.Empty(await Host.Events.AllAsync<CameraRetired>(_ => true));
    }

    [Fact]
    public async Task A_retired_id_is_not_registered_again()
    {
        await RegisterAsync(CameraBodies.Body(CameraBodies.Camera2, GridForCameras.InGrid2));
        await RetireAsync(CameraBodies.Camera2, 1);

        using var again = await Admin.PostAsJsonAsync("/api/videoalert/cameras", CameraBodies.Body(CameraBodies.Camera2, GridForCameras.InGrid2), Ct);
        await AssertRefusedAsync(again, HttpStatusCode.Conflict, says: "已退役");
        Assert.Equal(1, await Host.QueryAsync(db => db.Cameras.IgnoreQueryFilters().CountAsync(Ct)));
        Assert.Single(await Host.Events.AllAsync<CameraRegistered>(e => e.DeviceId == CameraBodies.Camera2));
    }

    [Fact]
    public async Task A_retired_cameras_SIP_credential_stops_working_and_its_alarm_is_refused()
    {
        await RegisterAsync(CameraBodies.Body(CameraBodies.Camera1, GridForCameras.InGrid1));
        var cache = Host.Services.GetRequiredService<SipCredentialCache>();
        await using (var scope = Host.Services.CreateAsyncScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<ISipCredentials>().IsKnownAsync(CameraBodies.Camera1, Ct));
        Assert.NotNull(cache.Find(CameraBodies.Camera1, Host.Clock.GetUtcNow()));

        await RetireAsync(CameraBodies.Camera1, 1);

        Assert.Null(cache.Find(CameraBodies.Camera1, Host.Clock.GetUtcNow()));
        await using (var scope = Host.Services.CreateAsyncScope())
            Assert.False(await scope.ServiceProvider.GetRequiredService<ISipCredentials>().IsKnownAsync(CameraBodies.Camera1, Ct));
        // REGISTER with its own (once right) password is answered as an unknown device's: 404.
        var register = await Sipp.RunAsync("unknown_device.xml", "u1", Host.Sip.UdpEndPoint!, CameraBodies.Camera1, CameraBodies.Password);
        Assert.True(register.ExitCode == 0, register.Output);

        var alarm = new AlarmNotify("17430", DeviceId.Parse(CameraBodies.Camera1), 1, 5, new DateTime(2026, 11, 29, 8, 0, 0), "区域入侵报警", 94.905, 36.405, 6);
        await using (var scope = Host.Services.CreateAsyncScope())
            await Assert.ThrowsAsync<UnknownDeviceException>(() => scope.ServiceProvider.GetRequiredService<IDeviceEvents>()
                .AlarmReceivedAsync(DeviceId.Parse(CameraBodies.Camera1), alarm, Ct));
        Assert.Equal(0, await Host.QueryAsync(db => db.Alarms.CountAsync(Ct)));
        Assert.Equal(0, await Host.QueryAsync(db => db.Alerts.CountAsync(Ct)));
    }
}
