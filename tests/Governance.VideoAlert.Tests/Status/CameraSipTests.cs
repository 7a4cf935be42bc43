using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.VideoAlert;
using Governance.VideoAlert.Devices;
using Governance.VideoAlert.Sip;
using Governance.VideoAlert.Tests.Infrastructure;
using Governance.VideoAlert.Tests.Sip;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.VideoAlert.Tests.Infrastructure.VideoAlertHost;

namespace Governance.VideoAlert.Tests.Status;

/// <summary>
/// SIP intake backed by the registry: SIPp registers a camera registered over REST with its password, sends a keepalive
/// and a GB2312 alarm; the camera reads online and the alarm is in the database. Alarms resent are stored once; the
/// offline sweep (test clock) and an unregister take a camera offline, each change published once.
/// </summary>
public sealed class CameraSipTests() : GridAndVideoAlertHosts(new Dictionary<string, string?>
{
    ["VideoAlert:Sip:Intake:PlatformId"] = SipText.Platform,
    ["VideoAlert:Sip:Intake:Domain"] = SipText.Domain,
    ["VideoAlert:Presence:KeepaliveInterval"] = "00:01:00",
    ["VideoAlert:Presence:MissedKeepalives"] = "3",
    ["VideoAlert:Presence:SweepInterval"] = "00:00:01",
})
{
    private const string Camera3 = "63280100001320000003";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task RegisterAsync(string deviceId)
    {
        using var response = await Admin.PostAsJsonAsync("/api/videoalert/cameras", CameraBodies.Body(deviceId), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    private Task<JsonElement> ReadAsync(string deviceId) =>
        As("centre_operator", County).GetFromJsonAsync<JsonElement>($"/api/videoalert/cameras/{deviceId}", Ct);

    /// <summary>Calls the service's <see cref="IDeviceEvents"/> as intake does: each in its own scope.</summary>
    private async Task EventsAsync(Func<IDeviceEvents, Task> call)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        await call(scope.ServiceProvider.GetRequiredService<IDeviceEvents>());
    }

    private DeviceRegistration Registration(string deviceId) =>
        new(DeviceId.Parse(deviceId), new IPEndPoint(IPAddress.Loopback, 5070), SipTransport.Udp, null, Host.Clock.GetUtcNow().AddHours(1));

    private static AlarmNotify Alarm(string camera, string sn = "17430") =>
        new(sn, DeviceId.Parse(camera), 1, 5, new DateTime(2026, 11, 29, 8, 0, 0), "区域入侵报警", 94.905, 36.405, 6);

    [Theory]
    [InlineData("u1", CameraBodies.Camera1)]
    [InlineData("t1", Camera3)]
    public async Task SIPp_registers_a_registered_camera_with_its_password_and_its_GB2312_alarm_is_stored(string transport, string camera)
    {
        await RegisterAsync(camera);
        var target = transport == "u1" ? Host.Sip.UdpEndPoint! : Host.Sip.TcpEndPoint!;

        var run = await Sipp.RunAsync("register_keepalive_alarm.xml", transport, target, camera, CameraBodies.Password);

        Assert.True(run.ExitCode == 0, run.Output);
        var read = await ReadAsync(camera);
        Assert.Equal("online", read.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, read.GetProperty("firstRegisteredAt").ValueKind);
        Assert.Equal(JsonValueKind.String, read.GetProperty("registeredUntil").ValueKind);
        var stored = await Host.QueryAsync(db => db.Alarms.SingleAsync(a => a.CameraId == camera, Ct));
        Assert.Equal((camera, "17430", 1, 5, 6, "区域入侵报警", "632801001002001", Grid1),
            (stored.SenderId, stored.Sn, stored.Priority, stored.Method, stored.AlarmType, stored.Description, stored.GridCode, stored.OrgPath));
        Assert.Equal(new DateTime(2026, 11, 29, 8, 0, 0), stored.DeviceTime);
        var alarms = await As("grid_leader", Grid1).GetFromJsonAsync<JsonElement>($"/api/videoalert/cameras/{camera}/alarms", Ct);
        Assert.Equal("区域入侵报警", Assert.Single(alarms.EnumerateArray()).GetProperty("description").GetString());
        Assert.Single(await Host.Events.AllAsync<CameraCameOnline>(e => e.DeviceId == camera));
    }

    [Fact]
    public async Task A_device_not_in_the_registry_gets_404_and_a_wrong_password_403()
    {
        var unknown = await Sipp.RunAsync("unknown_device.xml", "u1", Host.Sip.UdpEndPoint!, "63280100001320009999", "whatever1");
        Assert.True(unknown.ExitCode == 0, unknown.Output);

        await RegisterAsync(CameraBodies.Camera2);
        var wrong = await Sipp.RunAsync("register_keepalive_alarm.xml", "u1", Host.Sip.UdpEndPoint!, CameraBodies.Camera2, "not-the-password");
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Equal("unknown", (await ReadAsync(CameraBodies.Camera2)).GetProperty("status").GetString());
        Assert.Equal(0, await Host.QueryAsync(db => db.Alarms.CountAsync(Ct)));
    }

    private async Task<T> CredentialsAsync<T>(Func<ISipCredentials, Task<T>> call)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<ISipCredentials>());
    }

    [Fact]
    public async Task A_password_changed_over_REST_drops_the_cached_credential_and_REGISTER_reads_the_new_one()
    {
        await RegisterAsync(CameraBodies.Camera2);
        var cache = Host.Services.GetRequiredService<Governance.VideoAlert.Status.SipCredentialCache>();
        Assert.Equal(CameraBodies.Password, (await CredentialsAsync(async c => await c.FindAsync(CameraBodies.Camera2, Ct)))!.Password);
        Assert.Equal(CameraBodies.Password, cache.Find(CameraBodies.Camera2, Host.Clock.GetUtcNow())!.Password);

        using var patched = await Admin.PatchAsJsonAsync($"/api/videoalert/cameras/{CameraBodies.Camera2}", new { version = 1, password = "new-pass-02" }, Ct);
        Assert.True(patched.IsSuccessStatusCode, await patched.Content.ReadAsStringAsync(Ct));

        Assert.Null(cache.Find(CameraBodies.Camera2, Host.Clock.GetUtcNow()));
        Assert.True(await CredentialsAsync(async c => await c.IsKnownAsync(CameraBodies.Camera2, Ct)));
        Assert.Equal("new-pass-02", cache.Find(CameraBodies.Camera2, Host.Clock.GetUtcNow())!.Password);
        var wrong = await Sipp.RunAsync("register_keepalive_alarm.xml", "u1", Host.Sip.UdpEndPoint!, CameraBodies.Camera2, CameraBodies.Password);
        Assert.NotEqual(0, wrong.ExitCode);
        var right = await Sipp.RunAsync("register_keepalive_alarm.xml", "u1", Host.Sip.UdpEndPoint!, CameraBodies.Camera2, "new-pass-02");
        Assert.True(right.ExitCode == 0, right.Output);
    }

    [Fact]
    public async Task An_unknown_device_is_not_cached_so_a_camera_registered_after_its_first_MESSAGE_is_known_at_once()
    {
        const string later = "63280100001320000004";
        Assert.False(await CredentialsAsync(async c => await c.IsKnownAsync(later, Ct)));
        await RegisterAsync(later);
        Assert.True(await CredentialsAsync(async c => await c.IsKnownAsync(later, Ct)));
    }

    [Fact]
    public async Task The_same_alarm_resent_or_sent_twice_at_once_is_stored_once()
    {
        await RegisterAsync(CameraBodies.Camera1);
        var sender = DeviceId.Parse(CameraBodies.Camera1);
        await EventsAsync(e => e.AlarmReceivedAsync(sender, Alarm(CameraBodies.Camera1), Ct));
        await EventsAsync(e => e.AlarmReceivedAsync(sender, Alarm(CameraBodies.Camera1), Ct));
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => EventsAsync(e => e.AlarmReceivedAsync(sender, Alarm(CameraBodies.Camera1, "17431"), Ct))));
        // Another SN is another alarm.
        Assert.Equal(["17430", "17431"], await Host.QueryAsync(db => db.Alarms.OrderBy(a => a.Sn).Select(a => a.Sn).ToListAsync(Ct)));

        var newestFirst = await As("centre_operator", County).GetFromJsonAsync<JsonElement>("/api/videoalert/alarms", Ct);
        Assert.Equal(["17431", "17430"], newestFirst.EnumerateArray().Select(a => a.GetProperty("sn").GetString()));
        var other = As("grid_leader", OtherCommunity);
        Assert.Empty((await other.GetFromJsonAsync<JsonElement>("/api/videoalert/alarms", Ct)).EnumerateArray());
        using var notTheirs = await other.GetAsync($"/api/videoalert/cameras/{CameraBodies.Camera1}/alarms", Ct);
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
    }

    [Fact]
    public async Task Missed_keepalives_turn_a_camera_offline_once_and_a_keepalive_brings_it_back()
    {
        await RegisterAsync(CameraBodies.Camera2);
        await EventsAsync(e => e.RegisteredAsync(Registration(CameraBodies.Camera2), Ct));
        Assert.Equal("online", (await ReadAsync(CameraBodies.Camera2)).GetProperty("status").GetString());

        Host.Clock.Advance(TimeSpan.FromMinutes(4));

        Assert.True(await Eventually.HoldsAsync(async () => (await ReadAsync(CameraBodies.Camera2)).GetProperty("status").GetString() == "offline", Ct));
        var offline = Assert.Single(await Host.Events.AllAsync<CameraWentOffline>(e => e.DeviceId == CameraBodies.Camera2));
        Assert.Equal(("silent", "632801001002001", Grid1), (offline.Reason, offline.GridCode, offline.OrgPath));

        await EventsAsync(e => e.KeepAliveAsync(DeviceId.Parse(CameraBodies.Camera2), new KeepaliveNotify("2", DeviceId.Parse(CameraBodies.Camera2), "OK"), Ct));
        Assert.Equal("online", (await ReadAsync(CameraBodies.Camera2)).GetProperty("status").GetString());
        Assert.Equal(2, (await Host.Events.AllAsync<CameraCameOnline>(e => e.DeviceId == CameraBodies.Camera2)).Count);
    }

    [Fact]
    public async Task An_unregister_turns_a_camera_offline_once()
    {
        await RegisterAsync(Camera3);
        await EventsAsync(e => e.RegisteredAsync(Registration(Camera3), Ct));
        var id = DeviceId.Parse(Camera3);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => EventsAsync(e => e.UnregisteredAsync(id, Ct))));

        var read = await ReadAsync(Camera3);
        Assert.Equal(("offline", JsonValueKind.Null), (read.GetProperty("status").GetString(), read.GetProperty("registeredUntil").ValueKind));
        Assert.Equal("unregistered", Assert.Single(await Host.Events.AllAsync<CameraWentOffline>(e => e.DeviceId == Camera3)).Reason);
    }
}
