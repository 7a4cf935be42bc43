using System.Net;
using System.Net.Http.Json;
using Governance.Contracts.VideoAlert;
using Governance.Messaging.Outbox;
using Governance.Testing;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Devices;
using Governance.VideoAlert.Sip;
using Governance.VideoAlert.Status;
using Governance.VideoAlert.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.VideoAlert.Tests.Infrastructure.VideoAlertHost;

namespace Governance.VideoAlert.Tests.Status;

/// <summary>
/// A lower platform's cameras follow the platform: its registration brings them online (networked), its unregister or
/// its silence takes them offline with reason platform_offline — each change published once per camera, even when two
/// changes race — and a camera with its own registration is left alone.
/// </summary>
public sealed class PlatformPresenceTests() : GridAndVideoAlertHosts(new Dictionary<string, string?>
{
    ["VideoAlert:Presence:KeepaliveInterval"] = "00:01:00",
    ["VideoAlert:Presence:MissedKeepalives"] = "3",
    ["VideoAlert:Presence:SweepInterval"] = "01:00:00",
})
{
    private const string Behind1 = "63280100001320000011";
    private const string Behind2 = "63280100001320000012";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        using var admin = Admin;
        var bodies = new[]
        {
            ("/api/videoalert/platforms", (object)new { deviceId = CameraBodies.Platform, name = "社会资源平台", orgPath = County, password = "platform-pass" }),
            ("/api/videoalert/cameras", CameraBodies.Body(Behind1, password: null, platformId: CameraBodies.Platform)),
            ("/api/videoalert/cameras", CameraBodies.Body(Behind2, GridForCameras.InGrid2, password: null, platformId: CameraBodies.Platform)),
            ("/api/videoalert/cameras", CameraBodies.Body()),
        };
        foreach (var (path, body) in bodies)
        {
            using var created = await admin.PostAsJsonAsync(path, body, Ct);
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        }
    }

    private async Task EventsAsync(Func<IDeviceEvents, Task> call)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        await call(scope.ServiceProvider.GetRequiredService<IDeviceEvents>());
    }

    private DeviceRegistration Registration(string deviceId) =>
        new(DeviceId.Parse(deviceId), new IPEndPoint(IPAddress.Loopback, 5070), SipTransport.Udp, null, Host.Clock.GetUtcNow().AddHours(1));

    private Task<Dictionary<string, string>> StatusesAsync() =>
        Host.QueryAsync(db => db.Cameras.AsNoTracking().ToDictionaryAsync(c => c.DeviceId, c => c.Status, Ct));

    private async Task<int> PublishedAsync<T>(string camera, int expected, Func<T, bool>? match = null) where T : class
    {
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(Host.Events.Seen<T>(e => Of(e) == camera && (match?.Invoke(e) ?? true)).Count >= expected), Ct),
            $"{typeof(T).Name} for {camera} not published {expected} times");
        // The outbox deletes a row only after its event is published (and so seen here): once it is empty, every event
        // written so far has shown, a duplicate included.
        Assert.True(await Eventually.HoldsAsync(async () => !await Host.QueryAsync(db => db.Set<OutboxMessage>().AnyAsync(Ct)), Ct), "the outbox did not drain");
        return Host.Events.Seen<T>(e => Of(e) == camera && (match?.Invoke(e) ?? true)).Count;
    }

    private static string Of(object e) => e switch { CameraCameOnline o => o.DeviceId, CameraWentOffline o => o.DeviceId, _ => "" };

    private async Task<int> SweepAsync()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<OfflineSweep>(scope.ServiceProvider).ScanAsync(Ct);
    }

    [Fact]
    public async Task A_platforms_cameras_follow_it_online_and_offline_each_change_published_once()
    {
        var platform = DeviceId.Parse(CameraBodies.Platform);
        await EventsAsync(e => e.RegisteredAsync(Registration(CameraBodies.Platform), Ct));
        await EventsAsync(e => e.KeepAliveAsync(platform, new KeepaliveNotify("1", platform, "OK"), Ct));
        var statuses = await StatusesAsync();
        Assert.Equal(("online", "online", "unknown"), (statuses[Behind1], statuses[Behind2], statuses[CameraBodies.Camera1]));
        Assert.Equal(1, await PublishedAsync<CameraCameOnline>(Behind1, 1));
        Assert.Equal(1, await PublishedAsync<CameraCameOnline>(Behind2, 1));
        Assert.NotNull((await Host.QueryAsync(db => db.Cameras.AsNoTracking().SingleAsync(c => c.DeviceId == Behind1, Ct))).FirstRegisteredAt);
        Assert.Equal("online", (await Host.QueryAsync(db => db.Platforms.AsNoTracking().SingleAsync(p => p.DeviceId == CameraBodies.Platform, Ct))).Status);

        // The camera with its own registration goes its own way.
        await EventsAsync(e => e.RegisteredAsync(Registration(CameraBodies.Camera1), Ct));

        // Two unregisters at once (a retransmission reaching two replicas): each camera goes offline once.
        await Task.WhenAll(EventsAsync(e => e.UnregisteredAsync(platform, Ct)), EventsAsync(e => e.UnregisteredAsync(platform, Ct)));
        statuses = await StatusesAsync();
        Assert.Equal(("offline", "offline", "online"), (statuses[Behind1], statuses[Behind2], statuses[CameraBodies.Camera1]));
        Assert.Equal(1, await PublishedAsync<CameraWentOffline>(Behind1, 1, e => e.Reason == PlatformPresence.PlatformOffline));
        Assert.Equal(1, await PublishedAsync<CameraWentOffline>(Behind2, 1));
        Assert.Equal(0, (await Host.QueryAsync(db => db.Cameras.AsNoTracking().SingleAsync(c => c.DeviceId == Behind1, Ct))).Flips);

        // Back: its cameras come online again; then silence past three missed keepalives takes them offline through the sweep.
        await EventsAsync(e => e.RegisteredAsync(Registration(CameraBodies.Platform), Ct));
        Assert.Equal(2, await PublishedAsync<CameraCameOnline>(Behind1, 2));
        Host.Clock.Advance(TimeSpan.FromMinutes(4));
        await EventsAsync(e => e.KeepAliveAsync(DeviceId.Parse(CameraBodies.Camera1), new KeepaliveNotify("2", DeviceId.Parse(CameraBodies.Camera1), "OK"), Ct));
        Assert.True(await SweepAsync() >= 1);
        Assert.Equal(0, await SweepAsync());
        statuses = await StatusesAsync();
        Assert.Equal(("offline", "offline", "online"), (statuses[Behind1], statuses[Behind2], statuses[CameraBodies.Camera1]));
        Assert.Equal(2, await PublishedAsync<CameraWentOffline>(Behind2, 2));
        Assert.Equal("offline", (await Host.QueryAsync(db => db.Platforms.AsNoTracking().SingleAsync(p => p.DeviceId == CameraBodies.Platform, Ct))).Status);
    }
}
