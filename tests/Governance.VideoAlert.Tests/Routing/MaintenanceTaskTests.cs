using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.VideoAlert;
using Governance.Identity.Roles;
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

    /// <summary>A video loss on camera 2 (grid 002), routed by the default rules to its owner's task.</summary>
    private async Task<(Alert Alert, Guid TaskId)> RoutedFaultAsync()
    {
        var now = f.Host.Clock.GetUtcNow().UtcDateTime;
        var alert = new Alert
        {
            Id = Guid.CreateVersion7(), CameraId = CameraBodies.Camera2, Kind = AlertKinds.VideoLoss, Priority = 3, Method = AlertMethods.Device,
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
        var resolved = await ReadAlertAsync(alert.Id);
        Assert.Equal((AlertStatus.Resolved, false, (DateTime?)null, alert.Version + 1), (resolved.Status, resolved.Grouping, resolved.AckDeadline, resolved.Version));
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
