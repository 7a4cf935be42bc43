using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.VideoAlert;
using Governance.Grid.Data;
using Governance.Testing.Hosting;
using Governance.VideoAlert.Alarms;
using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Status;
using Governance.VideoAlert.Tests.Infrastructure;
using Governance.VideoAlert.Tests.Sip;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.VideoAlert.Tests.Infrastructure.VideoAlertHost;

namespace Governance.VideoAlert.Tests.Alerts;

/// <summary>
/// Alarms fold into alerts on PostgreSQL: a SIPp camera's burst of 100 alarms is one alert counting 100; many alarms
/// stored at once open one alert and lose no count; the window expires; a flapping camera is one device_flapping alert
/// that its faults fold into; the console reads alerts within its reach and acknowledges them once, at the version read.
/// Each scenario has its own camera.
/// </summary>
public sealed class AlertsTests(AlertsTests.Hosts hosts) : IClassFixture<AlertsTests.Hosts>
{
    private const string Burst = "63280100001320000011", Concurrent = "63280100001320000012", Flapping = "63280100001320000013",
        Acked = "63280100001320000014";

    /// <summary>One grid and one video-alert host for the class, with a camera per scenario registered.</summary>
    public sealed class Hosts() : GridAndVideoAlertHosts(new Dictionary<string, string?>
    {
        ["VideoAlert:Sip:Intake:PlatformId"] = SipText.Platform,
        ["VideoAlert:Sip:Intake:Domain"] = SipText.Domain,
        ["VideoAlert:Alerts:GroupingWindow"] = "00:05:00",
        ["VideoAlert:Alerts:FlappingFlips"] = "4",
        ["VideoAlert:Alerts:FlappingWindow"] = "00:10:00",
    }, cameras: [.. new[] { Burst, Concurrent, Flapping, Acked }.Select(camera => CameraBodies.Body(camera))]);

    private readonly ServiceTestHost<GridDb> _grid = hosts.Grid;
    private readonly VideoAlertHost _host = hosts.Host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient As(string role, string org) => hosts.As(role, org);

    private Task<List<Alert>> AlertsOfAsync(string camera) =>
        _host.QueryAsync(db => db.Alerts.AsNoTracking().Where(a => a.CameraId == camera).OrderBy(a => a.FirstAt).ToListAsync(Ct));

    private async Task<bool> SaveAsync(Alarm alarm)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AlarmStore>().SaveAsync(alarm, Ct);
    }

    private static Alarm Alarm(string camera, string sn, DateTime at, int method = 5, int type = 6, int priority = 3) => new()
    {
        Id = Guid.CreateVersion7(), CameraId = camera, SenderId = camera, Sn = sn, Priority = priority, Method = method, AlarmType = type,
        DeviceTime = new DateTime(2026, 11, 29, 8, 0, 0), ReceivedAt = at, GridCode = "632801001002001", OrgPath = Grid1,
    };

    [Fact]
    public async Task A_SIPp_camera_bursting_100_alarms_of_one_type_is_one_alert_counting_100_and_another_type_a_second()
    {
        var run = await Sipp.RunAsync("alarm_burst.xml", "u1", _host.Sip.UdpEndPoint!, Burst, CameraBodies.Password);

        Assert.True(run.ExitCode == 0, run.Output);
        var alerts = await AlertsOfAsync(Burst);
        Assert.Equal([("intrusion", 100, 2, "video"), ("abandoned_object", 1, 2, "video")], alerts.Select(a => (a.Kind, a.Count, a.Priority, a.Method)));
        var alarms = await _host.QueryAsync(db => db.Alarms.AsNoTracking().Where(a => a.CameraId == Burst && a.AlertId == alerts[0].Id).ToListAsync(Ct));
        Assert.Equal(100, alarms.Count);
        Assert.Equal(100, alarms.Select(a => a.Sn).Distinct().Count());
        Assert.Equal((alarms.Min(a => a.ReceivedAt), alarms.Max(a => a.ReceivedAt)), (alerts[0].FirstAt, alerts[0].LastAt));
        // The alarms carry no place: the alert is at the camera's point, in its grid.
        Assert.Equal((GridForCameras.InGrid1.Longitude, GridForCameras.InGrid1.Latitude, "632801001002001", Grid1),
            (alerts[0].Longitude!.Value, alerts[0].Latitude!.Value, alerts[0].GridCode, alerts[0].OrgPath));
        Assert.Equal(["intrusion", "abandoned_object"], (await _host.Events.AllAsync<AlertRaised>(e => e.DeviceId == Burst)).Select(e => e.Kind).Order().Reverse());
    }

    [Fact]
    public async Task Alarms_stored_at_once_open_one_alert_and_lose_no_count_and_a_repeat_changes_nothing()
    {
        var at = _host.Clock.GetUtcNow().UtcDateTime;
        var alarms = Enumerable.Range(1, 40).Select(i => Alarm(Concurrent, $"C{i}", at, priority: i == 17 ? 1 : 3)).ToList();
        var repeats = Enumerable.Range(0, 5).Select(_ => Alarm(Concurrent, "C5", at));

        var stored = await Task.WhenAll(alarms.Concat(repeats).Select(SaveAsync));

        Assert.Equal(40, stored.Count(s => s));
        var alert = Assert.Single(await AlertsOfAsync(Concurrent));
        Assert.Equal((40, 1, true, "intrusion", 1), (alert.Count, alert.Priority, alert.Grouping, alert.Kind, alert.Version));
        Assert.Equal(40, await _host.QueryAsync(db => db.Alarms.CountAsync(a => a.AlertId == alert.Id, Ct)));
        Assert.Single(await _host.Events.AllAsync<AlertRaised>(e => e.DeviceId == Concurrent));
        // AlertGrouped at most once a second: the first fold publishes, the rest of the burst (all at one instant) does
        // not, and the flush publishes the count the burst ended at a second later.
        await _host.Events.WaitForAsync<AlertGrouped>(e => e.AlertId == alert.Id && e.Count == 40);
        Assert.True(await SaveAsync(Alarm(Concurrent, "C41", at.AddSeconds(2))));
        var last = await _host.Events.WaitForAsync<AlertGrouped>(e => e.AlertId == alert.Id && e.Count == 41);
        Assert.Equal(1, last.Priority);
        var counts = _host.Events.Seen<AlertGrouped>(e => e.AlertId == alert.Id).Select(e => e.Count).ToList();
        Assert.Equal(2, counts[0]);
        Assert.Equal(counts.Order().Distinct(), counts);
        Assert.InRange(counts.Count, 3, 10);

        // Past the window the old alert stops grouping and a new one is raised.
        _host.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.True(await SaveAsync(Alarm(Concurrent, "C42", _host.Clock.GetUtcNow().UtcDateTime)));
        var both = await AlertsOfAsync(Concurrent);
        Assert.Equal([(41, false), (1, true)], both.Select(a => (a.Count, a.Grouping)));
        Assert.Single(await _host.Events.AllAsync<AlertRaised>(e => e.AlertId == both[1].Id));
    }

    [Fact]
    public async Task A_flapping_camera_is_one_device_flapping_alert_that_its_faults_fold_into()
    {
        for (var flip = 1; flip <= 6; flip++)
        {
            await using var scope = _host.Services.CreateAsyncScope();
            var presence = scope.ServiceProvider.GetRequiredService<CameraPresence>();
            await presence.SeenAsync(Flapping, _host.Clock.GetUtcNow().UtcDateTime.AddHours(1), Ct);
            Assert.True(await presence.OfflineAsync(Flapping, CameraPresence.Unregistered, null, Ct));
            if (flip == 4) Assert.Empty(await AlertsOfAsync(Flapping));
        }
        Assert.True(await SaveAsync(Alarm(Flapping, "F1", _host.Clock.GetUtcNow().UtcDateTime, method: 2, type: 1)));
        // An intrusion is not a device fault: its own alert.
        Assert.True(await SaveAsync(Alarm(Flapping, "F2", _host.Clock.GetUtcNow().UtcDateTime)));

        var alerts = await AlertsOfAsync(Flapping);
        Assert.Equal([("device_flapping", 7, "device_fault", 3), ("intrusion", 1, "video", 3)], alerts.Select(a => (a.Kind, a.Count, a.Method, a.Priority)));
        var fault = await _host.QueryAsync(db => db.Alarms.SingleAsync(a => a.Sn == "F1", Ct));
        Assert.Equal(("video_loss", alerts[0].Id), (fault.Kind, fault.AlertId));
        Assert.Single(await _host.Events.AllAsync<AlertRaised>(e => e.DeviceId == Flapping && e.Kind == "device_flapping"));
        Assert.Equal(6, (await _host.Events.AllAsync<CameraWentOffline>(e => e.DeviceId == Flapping)).Count);
    }

    [Fact]
    public async Task The_console_reads_alerts_in_reach_and_acknowledges_one_once_at_the_version_read()
    {
        Assert.True(await SaveAsync(Alarm(Acked, "A1", _host.Clock.GetUtcNow().UtcDateTime)));
        Assert.True(await SaveAsync(Alarm(Acked, "A2", _host.Clock.GetUtcNow().UtcDateTime)));
        var id = (await AlertsOfAsync(Acked)).Single().Id;
        await _host.QueryAsync(db => db.Alerts.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AlertStatus.Routed)
            .SetProperty(a => a.AckDeadline, _host.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1)), Ct));

        var leader = As("grid_leader", Grid1);
        var list = await leader.GetFromJsonAsync<JsonElement>("/api/videoalert/alerts?kind=intrusion&status=routed", Ct);
        var read = Assert.Single(list.EnumerateArray(), a => a.GetProperty("cameraId").GetString() == Acked);
        Assert.Equal((2, 1), (read.GetProperty("count").GetInt32(), read.GetProperty("version").GetInt32()));
        var detail = await leader.GetFromJsonAsync<JsonElement>($"/api/videoalert/alerts/{id}", Ct);
        Assert.Equal(["A2", "A1"], detail.GetProperty("latestAlarms").EnumerateArray().Select(a => a.GetProperty("sn").GetString()));
        Assert.Empty((await leader.GetFromJsonAsync<JsonElement>("/api/videoalert/alerts?status=open&kind=device_flapping&org=632801/001/003", Ct)).EnumerateArray());

        var other = As("grid_leader", OtherCommunity);
        Assert.Empty((await other.GetFromJsonAsync<JsonElement>("/api/videoalert/alerts", Ct)).EnumerateArray());
        await AssertStatusAsync(await other.GetAsync($"/api/videoalert/alerts/{id}", Ct), HttpStatusCode.NotFound);
        await AssertStatusAsync(await leader.GetAsync("/api/videoalert/alerts?status=closed", Ct), HttpStatusCode.BadRequest, "status");
        await AssertStatusAsync(await leader.GetAsync("/api/videoalert/alerts?kind=face", Ct), HttpStatusCode.BadRequest, "kind");

        // A grid leader reads but may not acknowledge; out of reach is unknown; the version must be the one read.
        await AssertStatusAsync(await leader.PostAsJsonAsync($"/api/videoalert/alerts/{id}/acknowledge", new { version = 1 }, Ct), HttpStatusCode.Forbidden);
        var operatorClient = As("centre_operator", County);
        await AssertStatusAsync(await operatorClient.PostAsJsonAsync($"/api/videoalert/alerts/{Guid.NewGuid()}/acknowledge", new { version = 1 }, Ct), HttpStatusCode.NotFound);
        await AssertStatusAsync(await operatorClient.PostAsJsonAsync($"/api/videoalert/alerts/{id}/acknowledge", new { }, Ct), HttpStatusCode.BadRequest, "version");
        // Alarms folding in (A2 after A1) leave the version alone: it counts status changes only.
        await AssertStatusAsync(await operatorClient.PostAsJsonAsync($"/api/videoalert/alerts/{id}/acknowledge", new { version = 2 }, Ct), HttpStatusCode.Conflict, "StaleVersion");

        using var acknowledged = await operatorClient.PostAsJsonAsync($"/api/videoalert/alerts/{id}/acknowledge", new { version = 1 }, Ct);
        Assert.True(acknowledged.IsSuccessStatusCode, await acknowledged.Content.ReadAsStringAsync(Ct));
        var body = await acknowledged.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("acknowledged", "centre_operator-1", 2), (body.GetProperty("status").GetString(), body.GetProperty("acknowledgedBy").GetString(), body.GetProperty("version").GetInt32()));
        var published = Assert.Single(await _host.Events.AllAsync<AlertAcknowledged>(e => e.AlertId == id));
        Assert.Equal(("centre_operator-1", true, Grid1), (published.AcknowledgedBy, published.Late, published.OrgPath));

        await AssertStatusAsync(await operatorClient.PostAsJsonAsync($"/api/videoalert/alerts/{id}/acknowledge", new { version = 2 }, Ct),
            HttpStatusCode.Conflict, AlertAcknowledgment.AlreadyAcknowledgedRule);
        Assert.Single(_host.Events.Seen<AlertAcknowledged>(e => e.AlertId == id));
    }

    private static async Task AssertStatusAsync(HttpResponseMessage response, HttpStatusCode status, string? mentions = null)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == status, $"{response.StatusCode}: {text}");
            if (mentions is not null) Assert.Contains(mentions, text);
        }
    }
}
