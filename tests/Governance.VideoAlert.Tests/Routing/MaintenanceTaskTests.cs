using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.VideoAlert;
using Governance.Identity.Roles;
using Governance.Messaging.Outbox;
using Governance.Testing;
using Governance.Contracts.VideoAlert.V1;
using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Grpc;
using Governance.VideoAlert.Tests.Grpc;
using Governance.VideoAlert.Routing;
using Governance.VideoAlert.Status;
using Governance.VideoAlert.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.VideoAlert.Tests.Infrastructure.VideoAlertHost;
using Alert = Governance.VideoAlert.Alerts.Alert;

namespace Governance.VideoAlert.Tests.Routing;

/// <summary>
/// A device fault routed to the camera owner's maintenance task is read in the owner's reach, taken on and closed with a
/// note (each naming the version read), and closing resolves the alert: it stops escalating and folding alarms in.
/// </summary>
public sealed class MaintenanceTaskTests(RoutingFixture f) : IClassFixture<RoutingFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Admin => f.Host.Client(f.Grid.Issuer.TokenFor("admin-1", County, ["admin"]));

    /// <summary>A video loss on camera 2 (grid 002), routed by the default rules to its owner's task (priority 1: a 5 minute deadline).</summary>
    private async Task<(Alert Alert, Guid TaskId)> RoutedFaultAsync(int priority = 3)
    {
        var now = f.Host.Clock.GetUtcNow().UtcDateTime;
        var alert = new Alert
        {
            Id = Guid.CreateVersion7(), CameraId = CameraBodies.Camera2, Kind = AlertKinds.VideoLoss, Priority = priority, Method = AlertMethods.Device,
            FirstAt = now, LastAt = now, Grouping = false, Longitude = GridForCameras.InGrid2.Longitude, Latitude = GridForCameras.InGrid2.Latitude,
            OrgPath = Grid2, Summary = "视频丢失",
        };
        await f.Host.SeedAsync(db => db.Alerts.Add(alert));
        Assert.True(await Eventually.HoldsAsync(async () => (await ReadAlertAsync(alert.Id)).Status == AlertStatus.Routed, Ct), "not routed");
        var routed = await ReadAlertAsync(alert.Id);
        Assert.Equal(AlertRoutes.Maintenance, routed.RoutedTo);
        return (routed, Guid.Parse(routed.RouteTarget!));
    }

    private Task<Alert> ReadAlertAsync(Guid id) => f.Host.QueryAsync(db => db.Alerts.AsNoTracking().FirstAsync(a => a.Id == id, Ct));

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task A_task_is_started_then_closed_with_a_note_and_closing_resolves_its_alert()
    {
        var (alert, taskId) = await RoutedFaultAsync();
        using var admin = Admin;
        var task = await admin.GetFromJsonAsync<JsonElement>($"/api/videoalert/maintenance/{taskId}", Ct);
        Assert.Equal(("open", 1, alert.Id), (task.GetProperty("status").GetString(), task.GetProperty("version").GetInt32(), task.GetProperty("alertId").GetGuid()));

        var started = await admin.PostAsJsonAsync($"/api/videoalert/maintenance/{taskId}/start", new { version = 1 }, Ct);
        var startedTask = await started.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        Assert.Equal(("in_progress", 2, "admin-1"), (startedTask.GetProperty("status").GetString(), startedTask.GetProperty("version").GetInt32(), startedTask.GetProperty("startedBy").GetString()));
        var startedEvent = await f.Host.Events.WaitForAsync<MaintenanceTaskStarted>(e => e.TaskId == taskId);
        Assert.Equal((alert.Id, CameraBodies.Camera2, Grid2), (startedEvent.AlertId, startedEvent.DeviceId, startedEvent.OrgPath));

        // Started once; a close naming the old version is stale; a close without a note names the field.
        var again = await ProblemAsync(await admin.PostAsJsonAsync($"/api/videoalert/maintenance/{taskId}/start", new { version = 2 }, Ct), HttpStatusCode.Conflict);
        Assert.Equal(MaintenanceTasks.NotOpenRule, again.GetProperty("rule").GetString());
        var stale = await ProblemAsync(await admin.PostAsJsonAsync($"/api/videoalert/maintenance/{taskId}/close", new { version = 1, resolution = "更换电源" }, Ct), HttpStatusCode.Conflict);
        Assert.Equal(MaintenanceTasks.StaleVersionRule, stale.GetProperty("rule").GetString());
        var noNote = await ProblemAsync(await admin.PostAsJsonAsync($"/api/videoalert/maintenance/{taskId}/close", new { version = 2, resolution = "  " }, Ct), HttpStatusCode.BadRequest);
        Assert.True(noNote.GetProperty("errors").TryGetProperty("resolution", out _), noNote.GetRawText());
        var noVersion = await ProblemAsync(await admin.PostAsJsonAsync($"/api/videoalert/maintenance/{taskId}/close", new { resolution = "更换电源" }, Ct), HttpStatusCode.BadRequest);
        Assert.True(noVersion.GetProperty("errors").TryGetProperty("version", out _), noVersion.GetRawText());
        Assert.Equal(MaintenanceTaskStatus.InProgress, (await f.Host.QueryAsync(db => db.MaintenanceTasks.AsNoTracking().FirstAsync(t => t.Id == taskId, Ct))).Status);

        var closed = await admin.PostAsJsonAsync($"/api/videoalert/maintenance/{taskId}/close", new { version = 2, resolution = "更换电源适配器，画面恢复" }, Ct);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var closedTask = await closed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("closed", 3, "更换电源适配器，画面恢复"), (closedTask.GetProperty("status").GetString(), closedTask.GetProperty("version").GetInt32(), closedTask.GetProperty("resolution").GetString()));
        // Starting acknowledged the alert (version + 1), closing resolved it (+ 1).
        var resolved = await ReadAlertAsync(alert.Id);
        Assert.Equal((AlertStatus.Resolved, false, (DateTime?)null, alert.Version + 2), (resolved.Status, resolved.Grouping, resolved.AckDeadline, resolved.Version));
        var closedEvent = await f.Host.Events.WaitForAsync<MaintenanceTaskClosed>(e => e.TaskId == taskId);
        Assert.True(closedEvent.AlertResolved);

        var twice = await ProblemAsync(await admin.PostAsJsonAsync($"/api/videoalert/maintenance/{taskId}/close", new { version = 3, resolution = "再次关闭" }, Ct), HttpStatusCode.Conflict);
        Assert.Equal(MaintenanceTasks.ClosedRule, twice.GetProperty("rule").GetString());
        var closedList = await admin.GetFromJsonAsync<JsonElement>($"/api/videoalert/maintenance?status=closed&org={Grid2}", Ct);
        Assert.Contains(closedList.EnumerateArray(), t => t.GetProperty("id").GetGuid() == taskId);
        using var centre = f.Host.Client(f.Grid.Issuer.TokenFor("op-1", County, [RoleCatalog.CentreOperator]));
        var resolvedAlerts = await centre.GetFromJsonAsync<JsonElement>("/api/videoalert/alerts?status=resolved", Ct);
        Assert.Contains(resolvedAlerts.EnumerateArray(), a => a.GetProperty("id").GetGuid() == alert.Id);
    }

    [Fact]
    public async Task Starting_a_task_acknowledges_its_alert_in_time_and_the_alert_no_longer_escalates()
    {
        // The clock is moved past the 5 minute deadline of a priority 1 alert, and back at the end (tokens outlive it).
        using var _ = new ClockReset(f.Host.Clock);
        var (alert, taskId) = await RoutedFaultAsync(priority: 1);
        using var admin = Admin;
        using (var started = await admin.PostAsJsonAsync($"/api/videoalert/maintenance/{taskId}/start", new { version = 1 }, Ct))
            Assert.Equal(HttpStatusCode.OK, started.StatusCode);

        var task = await f.Host.QueryAsync(db => db.MaintenanceTasks.AsNoTracking().FirstAsync(t => t.Id == taskId, Ct));
        var acknowledged = await ReadAlertAsync(alert.Id);
        Assert.Equal((AlertStatus.Acknowledged, "admin-1", task.StartedAt, alert.Version + 1),
            (acknowledged.Status, acknowledged.AcknowledgedBy, acknowledged.AcknowledgedAt, acknowledged.Version));
        var evt = await f.Host.Events.WaitForAsync<AlertAcknowledged>(e => e.AlertId == alert.Id);
        Assert.Equal((CameraBodies.Camera2, "admin-1", false, Grid2), (evt.DeviceId, evt.AcknowledgedBy, evt.Late, evt.OrgPath));

        // Past its deadline: a routed witness with the same deadline escalates, the acknowledged alert does not.
        var witness = await SeedRoutedAsync(acknowledged.AckDeadline!.Value);
        f.Host.Clock.Advance(acknowledged.AckDeadline.Value - f.Host.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(1));
        await f.Host.Events.WaitForAsync<AlertEscalated>(e => e.AlertId == witness.Id);
        Assert.Equal((AlertStatus.Acknowledged, 0), ((await ReadAlertAsync(alert.Id)).Status, (await ReadAlertAsync(alert.Id)).EscalationLevel));
        Assert.Empty(await f.Host.Events.AllAsync<AlertEscalated>(e => e.AlertId == alert.Id));
    }

    [Fact]
    public async Task Starting_a_task_after_its_alerts_deadline_acknowledges_the_alert_late()
    {
        using var _ = new ClockReset(f.Host.Clock);
        var (alert, taskId) = await RoutedFaultAsync(priority: 1);
        f.Host.Clock.Advance(alert.AckDeadline!.Value - f.Host.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(1));
        await f.Host.Events.WaitForAsync<AlertEscalated>(e => e.AlertId == alert.Id);

        using var admin = Admin;
        using (var started = await admin.PostAsJsonAsync($"/api/videoalert/maintenance/{taskId}/start", new { version = 1 }, Ct))
            Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var acknowledged = await ReadAlertAsync(alert.Id);
        Assert.Equal((AlertStatus.Acknowledged, "admin-1"), (acknowledged.Status, acknowledged.AcknowledgedBy));
        var evt = await f.Host.Events.WaitForAsync<AlertAcknowledged>(e => e.AlertId == alert.Id);
        Assert.True(evt.Late, "acknowledged after the deadline routing set (escalated since)");
    }

    [Fact]
    public async Task Starting_a_task_leaves_an_alert_the_centre_acknowledged_alone()
    {
        var (alert, taskId) = await RoutedFaultAsync();
        using (var centre = f.Host.Client(f.Grid.Issuer.TokenFor("op-1", County, [RoleCatalog.CentreOperator])))
        using (var acked = await centre.PostAsJsonAsync($"/api/videoalert/alerts/{alert.Id}/acknowledge", new { version = alert.Version }, Ct))
            Assert.Equal(HttpStatusCode.OK, acked.StatusCode);
        var byCentre = await ReadAlertAsync(alert.Id);

        using var admin = Admin;
        using (var started = await admin.PostAsJsonAsync($"/api/videoalert/maintenance/{taskId}/start", new { version = 1 }, Ct))
            Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        await f.Host.Events.WaitForAsync<MaintenanceTaskStarted>(e => e.TaskId == taskId);
        var after = await ReadAlertAsync(alert.Id);
        Assert.Equal((AlertStatus.Acknowledged, "op-1", byCentre.AcknowledgedAt, byCentre.Version),
            (after.Status, after.AcknowledgedBy, after.AcknowledgedAt, after.Version));
        // Once the outbox has drained every event written has shown: the centre's acknowledgment is the only one.
        Assert.True(await Eventually.HoldsAsync(async () => !await f.Host.QueryAsync(db => db.Set<OutboxMessage>().AnyAsync(Ct)), Ct), "the outbox did not drain");
        Assert.Equal("op-1", Assert.Single(await f.Host.Events.AllAsync<AlertAcknowledged>(e => e.AlertId == alert.Id)).AcknowledgedBy);
    }

    [Theory]
    [InlineData(null, 0, false)]
    [InlineData(10, 0, false)]
    [InlineData(-10, 0, true)]
    [InlineData(10, 1, true)]
    public void An_acknowledgment_is_late_past_the_deadline_or_once_escalated(int? deadlineInMinutes, int escalationLevel, bool late)
    {
        var now = new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);
        Assert.Equal(late, AlertAcknowledgment.IsLate(deadlineInMinutes is int m ? now.AddMinutes(m) : null, escalationLevel, now));
    }

    private sealed class ClockReset(TestClock clock) : IDisposable
    {
        public void Dispose() => clock.Reset();
    }

    /// <summary>An alert routed to a grid incident (seeded so, the router leaves it alone) with the given deadline.</summary>
    private async Task<Alert> SeedRoutedAsync(DateTime ackDeadline)
    {
        var now = f.Host.Clock.GetUtcNow().UtcDateTime;
        var alert = new Alert
        {
            Id = Guid.CreateVersion7(), CameraId = CameraBodies.Camera1, Kind = AlertKinds.RoadBlocked, Priority = 3, Method = AlertMethods.Video,
            FirstAt = now, LastAt = now, Grouping = false, OrgPath = Grid1, Status = AlertStatus.Routed, RoutedTo = AlertRoutes.Incident,
            RoutedAt = now, AckDeadline = ackDeadline,
        };
        await f.Host.SeedAsync(db => db.Alerts.Add(alert));
        return alert;
    }

    [Fact]
    public async Task Tasks_out_of_reach_read_as_absent_and_bad_filters_name_the_field()
    {
        var (_, taskId) = await RoutedFaultAsync();
        using var elsewhere = f.Host.Client(f.Grid.Issuer.TokenFor("admin-2", OtherCommunity, ["admin"]));
        await ProblemAsync(await elsewhere.GetAsync($"/api/videoalert/maintenance/{taskId}", Ct), HttpStatusCode.NotFound);
        await ProblemAsync(await elsewhere.PostAsJsonAsync($"/api/videoalert/maintenance/{taskId}/close", new { version = 1, resolution = "x" }, Ct), HttpStatusCode.NotFound);
        using var leader = f.Host.Client(f.Grid.Issuer.TokenFor("leader-1", Grid2, [RoleCatalog.GridLeader]));
        await ProblemAsync(await leader.PostAsJsonAsync($"/api/videoalert/maintenance/{taskId}/start", new { version = 1 }, Ct), HttpStatusCode.NotFound);
        using var admin = Admin;
        var bad = await ProblemAsync(await admin.GetAsync("/api/videoalert/maintenance?status=done", Ct), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("status", out _), bad.GetRawText());
        Assert.Equal("open", (await admin.GetFromJsonAsync<JsonElement>($"/api/videoalert/maintenance/{taskId}", Ct)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_camera_coming_back_online_is_noted_on_its_open_task()
    {
        var (_, taskId) = await RoutedFaultAsync();
        using (var scope = f.Host.Services.CreateScope())
        {
            var presence = scope.ServiceProvider.GetRequiredService<CameraPresence>();
            await presence.SeenAsync(CameraBodies.Camera2, registeredUntil: null, Ct);
            await presence.OfflineAsync(CameraBodies.Camera2, CameraPresence.Unregistered, silentBefore: null, Ct);
            Assert.True(await presence.SeenAsync(CameraBodies.Camera2, registeredUntil: f.Host.Clock.GetUtcNow().UtcDateTime.AddHours(1), Ct));
        }
        using var admin = Admin;
        var task = await admin.GetFromJsonAsync<JsonElement>($"/api/videoalert/maintenance/{taskId}", Ct);
        Assert.Equal(JsonValueKind.String, task.GetProperty("cameraOnlineAt").ValueKind);
        Assert.Equal("open", task.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Closing_a_task_tells_the_alert_watchers_that_its_alert_is_resolved()
    {
        var (alert, taskId) = await RoutedFaultAsync();
        using var grpc = new VideoAlertGrpc(f.Host);
        var fanOut = f.Host.Services.GetRequiredService<AlertFanOut>();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var token = f.Grid.Issuer.TokenFor("op-1", County, [RoleCatalog.CentreOperator]);
        await using var stream = grpc.Watch(token, new WatchAlertsRequest { OrgPath = Grid2 }, cancel.Token).GetAsyncEnumerator(cancel.Token);
        var next = stream.MoveNextAsync().AsTask();
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(fanOut.Open >= 1 || next.IsCompleted), Ct));
        Assert.False(next.IsCompleted, next.Exception?.ToString());

        using var admin = Admin;
        var version = (await admin.GetFromJsonAsync<JsonElement>($"/api/videoalert/maintenance/{taskId}", Ct)).GetProperty("version").GetInt32();
        using (var closed = await admin.PostAsJsonAsync($"/api/videoalert/maintenance/{taskId}/close", new { version, resolution = "更换摄像机" }, Ct))
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);

        // The routing of this alert may still be on its way to the watch: read on until the resolution arrives.
        while (true)
        {
            Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(15), Ct), "the watch ended");
            if (stream.Current.Alert.Id == alert.Id.ToString() && stream.Current.Change == AlertWatchConsumer.Resolved) break;
            next = stream.MoveNextAsync().AsTask();
        }
        Assert.Equal(AlertStatus.Resolved, stream.Current.Alert.Status);
        await cancel.CancelAsync();
    }
}
