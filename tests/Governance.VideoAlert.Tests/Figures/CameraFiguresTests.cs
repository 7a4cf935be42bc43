using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.VideoAlert.Devices;
using Governance.VideoAlert.Sip;
using Governance.VideoAlert.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Governance.VideoAlert.Tests.Infrastructure.VideoAlertHost;

namespace Governance.VideoAlert.Tests.Figures;

/// <summary>Coverage and networking per grid and community: cameras, online and networked rates, key-area cameras networked, scoped to the caller.</summary>
public sealed class CameraFiguresTests() : GridAndVideoAlertHosts(cameras:
[
    CameraBodies.Body(CameraBodies.Camera1, GridForCameras.InGrid1, keyArea: true),
    CameraBodies.Body("63280100001320000003", GridForCameras.InGrid1, keyArea: false),
    CameraBodies.Body(CameraBodies.Camera2, GridForCameras.InGrid2, keyArea: true),
])
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        // Camera 1 registers (online, networked); the others were never heard from.
        await using var scope = Host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IDeviceEvents>().RegisteredAsync(new DeviceRegistration(DeviceId.Parse(CameraBodies.Camera1),
            new IPEndPoint(IPAddress.Loopback, 5070), SipTransport.Udp, null, Host.Clock.GetUtcNow().AddHours(1)), Ct);
    }

    private static (string?, int, int, double, double, int, int) Row(JsonElement f) => (f.GetProperty("orgPath").GetString(), f.GetProperty("cameras").GetInt32(), f.GetProperty("online").GetInt32(),
        f.GetProperty("onlineRate").GetDouble(), f.GetProperty("networkedRate").GetDouble(), f.GetProperty("keyAreaCameras").GetInt32(),
        f.GetProperty("keyAreaNetworked").GetInt32());

    [Fact]
    public async Task Figures_per_grid_and_per_community_count_online_networked_and_key_areas()
    {
        var centre = As("centre_operator", County);
        var byGrid = await centre.GetFromJsonAsync<JsonElement>("/api/videoalert/figures?by=grid", Ct);
        Assert.Equal<(string?, int, int, double, double, int, int)>([(Grid1, 2, 1, 0.5, 0.5, 1, 1), (Grid2, 1, 0, 0.0, 0.0, 1, 0)], byGrid.EnumerateArray().Select(Row));
        var byCommunity = await centre.GetFromJsonAsync<JsonElement>("/api/videoalert/figures?by=community", Ct);
        Assert.Equal<(string?, int, int, double, double, int, int)>([(Community, 3, 1, 0.3333, 0.3333, 2, 1)], byCommunity.EnumerateArray().Select(Row));
        Assert.Equal(0.5, Assert.Single(byCommunity.EnumerateArray()).GetProperty("keyAreaCoverage").GetDouble());
        var county = await centre.GetFromJsonAsync<JsonElement>($"/api/videoalert/figures?by=county&org={Grid2}", Ct);
        Assert.Equal<(string?, int, int, double, double, int, int)>([(County, 1, 0, 0.0, 0.0, 1, 0)], county.EnumerateArray().Select(Row));
    }

    [Fact]
    public async Task Figures_are_scoped_and_a_bad_level_is_refused_naming_it()
    {
        var leader = await As("grid_leader", Grid1).GetFromJsonAsync<JsonElement>("/api/videoalert/figures?by=community", Ct);
        Assert.Equal<(string?, int, int, double, double, int, int)>([(Community, 2, 1, 0.5, 0.5, 1, 1)], leader.EnumerateArray().Select(Row));
        Assert.Empty((await As("grid_leader", OtherCommunity).GetFromJsonAsync<JsonElement>("/api/videoalert/figures", Ct)).EnumerateArray());

        using var bad = await As("centre_operator", County).GetAsync("/api/videoalert/figures?by=province", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("by", out _));
    }
}
