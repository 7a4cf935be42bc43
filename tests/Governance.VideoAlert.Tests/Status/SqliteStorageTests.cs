using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Testing;
using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Devices;
using Governance.VideoAlert.Sip;
using Governance.VideoAlert.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.VideoAlert.Tests.Infrastructure.VideoAlertHost;

namespace Governance.VideoAlert.Tests.Status;

/// <summary>
/// On SQLite, as the standalone runs: a camera registers, goes online, and its alarm (a zoneless device time) is stored
/// once and read back; alarms fold into one alert, which the router claims and routes; a platform's cameras follow it
/// (UPDATE … RETURNING on SQLite).
/// </summary>
public sealed class SqliteStorageTests() : GridAndVideoAlertHosts(sqlite: true)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_camera_goes_online_and_its_alarm_is_stored_once()
    {
        var admin = Host.Client(Grid.Issuer.TokenFor("admin-1", County, ["admin"]));
        using var created = await admin.PostAsJsonAsync("/api/videoalert/cameras", CameraBodies.Body(), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = DeviceId.Parse(CameraBodies.Camera1);
        var alarm = new AlarmNotify("9", id, 2, 5, new DateTime(2026, 11, 29, 8, 0, 0), "烟火", null, null, 1);
        for (var i = 0; i < 2; i++)
        {
            await using var scope = Host.Services.CreateAsyncScope();
            var events = scope.ServiceProvider.GetRequiredService<IDeviceEvents>();
            await events.RegisteredAsync(new DeviceRegistration(id, new IPEndPoint(IPAddress.Loopback, 5070), SipTransport.Udp, null, Host.Clock.GetUtcNow().AddHours(1)), Ct);
            await events.AlarmReceivedAsync(id, alarm, Ct);
        }

        Assert.Equal("online", (await admin.GetFromJsonAsync<JsonElement>($"/api/videoalert/cameras/{id}", Ct)).GetProperty("status").GetString());
        var operatorClient = Host.Client(Grid.Issuer.TokenFor("op-1", County, ["centre_operator"]));
        var stored = Assert.Single((await operatorClient.GetFromJsonAsync<JsonElement>("/api/videoalert/alarms", Ct)).EnumerateArray());
        Assert.Equal(("烟火", "2026-11-29T08:00:00"), (stored.GetProperty("description").GetString(), stored.GetProperty("deviceTime").GetString()));

        // Grouping runs on SQLite too: the alarm raised one alert, another SN folds into it, the repeat changed nothing.
        await using (var scope = Host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IDeviceEvents>().AlarmReceivedAsync(id, alarm with { Sn = "10" }, Ct);
        var alert = Assert.Single((await operatorClient.GetFromJsonAsync<JsonElement>("/api/videoalert/alerts", Ct)).EnumerateArray());
        Assert.Equal(("other", 2, 2), (alert.GetProperty("kind").GetString(), alert.GetProperty("count").GetInt32(), alert.GetProperty("priority").GetInt32()));

        // Routing runs on SQLite too: the router's claim (one UPDATE of as many due alerts as it has free slots, read back
        // by its token) takes the alert, and the rules (kind other → none) mark it routed.
        Assert.True(await Eventually.HoldsAsync(() => Host.QueryAsync(db => db.Alerts.AnyAsync(a => a.Status == AlertStatus.Routed && a.RoutedTo == AlertRoutes.None
            && a.RouteClaim != null, Ct)), Ct), "the alert was not routed on SQLite");
    }

    [Fact]
    public async Task A_platforms_cameras_follow_it_on_SQLite_too()
    {
        const string behind = "63280100001320000011";
        var admin = Host.Client(Grid.Issuer.TokenFor("admin-1", County, ["admin"]));
        using (var platform = await admin.PostAsJsonAsync("/api/videoalert/platforms",
            new { deviceId = CameraBodies.Platform, name = "社会资源平台", orgPath = County, password = "platform-pass" }, Ct))
            Assert.Equal(HttpStatusCode.Created, platform.StatusCode);
        using (var camera = await admin.PostAsJsonAsync("/api/videoalert/cameras", CameraBodies.Body(behind, password: null, platformId: CameraBodies.Platform), Ct))
            Assert.Equal(HttpStatusCode.Created, camera.StatusCode);
        var id = DeviceId.Parse(CameraBodies.Platform);
        async Task<string?> StatusAsync() => (await admin.GetFromJsonAsync<JsonElement>($"/api/videoalert/cameras/{behind}", Ct)).GetProperty("status").GetString();

        await using (var scope = Host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IDeviceEvents>().RegisteredAsync(
                new DeviceRegistration(id, new IPEndPoint(IPAddress.Loopback, 5070), SipTransport.Udp, null, Host.Clock.GetUtcNow().AddHours(1)), Ct);
        Assert.Equal("online", await StatusAsync());
        await using (var scope = Host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IDeviceEvents>().UnregisteredAsync(id, Ct);
        Assert.Equal("offline", await StatusAsync());
    }
}
