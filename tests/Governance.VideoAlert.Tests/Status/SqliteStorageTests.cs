using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Grid.Data;
using Governance.Testing.Hosting;
using Governance.VideoAlert.Devices;
using Governance.VideoAlert.Sip;
using Governance.VideoAlert.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Governance.VideoAlert.Tests.Infrastructure.VideoAlertHost;

namespace Governance.VideoAlert.Tests.Status;

/// <summary>
/// On SQLite, as the standalone runs: a camera registers, goes online, and its alarm (a zoneless device time) is stored
/// once and read back; alarms fold into one alert; a platform's cameras follow it (UPDATE … RETURNING on SQLite).
/// </summary>
public sealed class SqliteStorageTests : IAsyncLifetime
{
    private ServiceTestHost<GridDb> _grid = null!;
    private VideoAlertHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _grid = await GridForCameras.StartGridAsync();
        _host = await GridForCameras.StartVideoAlertAsync(_grid, sqlite: true);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _grid.DisposeAsync();
    }

    [Fact]
    public async Task A_camera_goes_online_and_its_alarm_is_stored_once()
    {
        var admin = _host.Client(_grid.Issuer.TokenFor("admin-1", County, ["admin"]));
        using var created = await admin.PostAsJsonAsync("/api/videoalert/cameras", CameraBodies.Body(), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = DeviceId.Parse(CameraBodies.Camera1);
        var alarm = new AlarmNotify("9", id, 2, 5, new DateTime(2026, 11, 29, 8, 0, 0), "烟火", null, null, 1);
        for (var i = 0; i < 2; i++)
        {
            await using var scope = _host.Services.CreateAsyncScope();
            var events = scope.ServiceProvider.GetRequiredService<IDeviceEvents>();
            await events.RegisteredAsync(new DeviceRegistration(id, new IPEndPoint(IPAddress.Loopback, 5070), SipTransport.Udp, null, _host.Clock.GetUtcNow().AddHours(1)), Ct);
            await events.AlarmReceivedAsync(id, alarm, Ct);
        }

        Assert.Equal("online", (await admin.GetFromJsonAsync<JsonElement>($"/api/videoalert/cameras/{id}", Ct)).GetProperty("status").GetString());
        var operatorClient = _host.Client(_grid.Issuer.TokenFor("op-1", County, ["centre_operator"]));
        var stored = Assert.Single((await operatorClient.GetFromJsonAsync<JsonElement>("/api/videoalert/alarms", Ct)).EnumerateArray());
        Assert.Equal(("烟火", "2026-11-29T08:00:00"), (stored.GetProperty("description").GetString(), stored.GetProperty("deviceTime").GetString()));

        // Grouping runs on SQLite too: the alarm raised one alert, another SN folds into it, the repeat changed nothing.
        await using (var scope = _host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IDeviceEvents>().AlarmReceivedAsync(id, alarm with { Sn = "10" }, Ct);
        var alert = Assert.Single((await operatorClient.GetFromJsonAsync<JsonElement>("/api/videoalert/alerts", Ct)).EnumerateArray());
        Assert.Equal(("other", 2, 2), (alert.GetProperty("kind").GetString(), alert.GetProperty("count").GetInt32(), alert.GetProperty("priority").GetInt32()));
    }

    [Fact]
    public async Task A_platforms_cameras_follow_it_on_SQLite_too()
    {
        const string behind = "63280100001320000011";
        var admin = _host.Client(_grid.Issuer.TokenFor("admin-1", County, ["admin"]));
        using (var platform = await admin.PostAsJsonAsync("/api/videoalert/platforms",
            new { deviceId = CameraBodies.Platform, name = "社会资源平台", orgPath = County, password = "platform-pass" }, Ct))
            Assert.Equal(HttpStatusCode.Created, platform.StatusCode);
        using (var camera = await admin.PostAsJsonAsync("/api/videoalert/cameras", CameraBodies.Body(behind, password: null, platformId: CameraBodies.Platform), Ct))
            Assert.Equal(HttpStatusCode.Created, camera.StatusCode);
        var id = DeviceId.Parse(CameraBodies.Platform);
        async Task<string?> StatusAsync() => (await admin.GetFromJsonAsync<JsonElement>($"/api/videoalert/cameras/{behind}", Ct)).GetProperty("status").GetString();

        await using (var scope = _host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IDeviceEvents>().RegisteredAsync(
                new DeviceRegistration(id, new IPEndPoint(IPAddress.Loopback, 5070), SipTransport.Udp, null, _host.Clock.GetUtcNow().AddHours(1)), Ct);
        Assert.Equal("online", await StatusAsync());
        await using (var scope = _host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IDeviceEvents>().UnregisteredAsync(id, Ct);
        Assert.Equal("offline", await StatusAsync());
    }
}
