using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.VideoAlert;
using Governance.Identity.Roles;
using Governance.Testing;
using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Routing;
using Governance.VideoAlert.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.VideoAlert.Tests.Infrastructure.VideoAlertHost;

namespace Governance.VideoAlert.Tests.Routing;

/// <summary>
/// One real grid host behind a gate the tests can close, one video-alert host routing to it with a token of the narrow
/// service role (video_alert_service: incident.report only) minted by the test issuer, two registered cameras.
/// </summary>
public sealed class RoutingFixture() : GatedGridAndVideoAlertHosts(new Dictionary<string, string?>
{
    ["VideoAlert:Routing:SweepInterval"] = "00:00:00.200", ["VideoAlert:Routing:PollInterval"] = "00:00:00.200",
    ["Logging:LogLevel:Default"] = "Warning",
}, CameraBodies.Body(), CameraBodies.Body(CameraBodies.Camera2, GridForCameras.InGrid2, owner: "social"));

/// <summary>
/// Open alerts routed by the rules held as data: a fire alarm becomes an incident in the real grid host with the rule's
/// category and urgency at the alert's point; a device fault becomes the owner's maintenance task; rule edits (versioned,
/// validated field by field, needing alert.rules.manage) change where the next alert goes; grid away keeps the alert
/// open and retries it with a backoff; a missed acknowledgment deadline escalates up the org tree.
/// </summary>
public sealed class AlertRoutingTests(RoutingFixture f) : IClassFixture<RoutingFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Admin => f.Host.Client(f.Grid.Issuer.TokenFor("admin-1", County, ["admin"]));

    private async Task<Alert> RaiseAsync(string kind, int priority, string camera = CameraBodies.Camera1, string org = Grid1,
        (double Longitude, double Latitude)? at = null, string status = AlertStatus.Open, DateTime? ackDeadline = null)
    {
        var now = f.Host.Clock.GetUtcNow().UtcDateTime;
        var (longitude, latitude) = at ?? GridForCameras.InGrid1;
        var alert = new Alert
        {
            Id = Guid.CreateVersion7(), CameraId = camera, Kind = kind, Priority = priority, Method = AlertMethods.Video, FirstAt = now, LastAt = now,
            Grouping = false, Longitude = longitude, Latitude = latitude, GridCode = null, OrgPath = org, Summary = "画面检测到异常", Status = status,
            RoutedTo = status == AlertStatus.Open ? null : AlertRoutes.Incident, AckDeadline = ackDeadline, RoutedAt = status == AlertStatus.Open ? null : now,
        };
        await f.Host.SeedAsync(db => db.Alerts.Add(alert));
        return alert;
    }

    private Task<Alert> ReadAsync(Guid id) => f.Host.QueryAsync(db => db.Alerts.AsNoTracking().FirstAsync(a => a.Id == id, Ct));

    private async Task<Alert> RoutedAsync(Guid id)
    {
        Assert.True(await Eventually.HoldsAsync(async () => (await ReadAsync(id)).Status == AlertStatus.Routed, Ct), $"alert {id} was not routed");
        return await ReadAsync(id);
    }

    [Fact]
    public async Task A_fire_alarm_becomes_an_incident_in_grid_with_the_rules_category_urgency_and_the_alerts_point()
    {
        var alert = await RaiseAsync(AlertKinds.FireSmoke, 1);
        var routed = await RoutedAsync(alert.Id);
        Assert.Equal(AlertRoutes.Incident, routed.RoutedTo);
        Assert.Equal(routed.RoutedAt + TimeSpan.FromMinutes(5), routed.AckDeadline);
        var evt = await f.Host.Events.WaitForAsync<AlertRouted>(e => e.AlertId == alert.Id);
        Assert.Equal((AlertRoutes.Incident, routed.RouteTarget, Grid1), (evt.RoutedTo, evt.Target, evt.OrgPath));

        using var centre = f.Grid.Client(f.Grid.Issuer.TokenFor("op-1", County, [RoleCatalog.CentreOperator]));
        var incident = await centre.GetFromJsonAsync<JsonElement>($"/api/grid/incidents/{routed.RouteTarget}", Ct);
        Assert.Equal("video_alert", incident.GetProperty("source").GetString());
        Assert.Equal("safety_hazard", incident.GetProperty("category").GetString());
        Assert.Equal("critical", incident.GetProperty("urgency").GetString());
        Assert.Equal(GridForCameras.InGrid1.Latitude, incident.GetProperty("latitude").GetDouble(), 6);
        Assert.Equal(GridForCameras.InGrid1.Longitude, incident.GetProperty("longitude").GetDouble(), 6);
        Assert.Equal(Grid1, incident.GetProperty("orgPath").GetString());
        Assert.Contains("烟火", incident.GetProperty("title").GetString());
        Assert.Contains(alert.Id.ToString(), incident.GetProperty("description").GetString());

        // Routed once: it is not picked up again.
        Assert.Single(await f.Host.Events.AllAsync<AlertRouted>(e => e.AlertId == alert.Id));
    }

    [Fact]
    public async Task A_device_fault_becomes_a_maintenance_task_for_the_cameras_owner()
    {
        var alert = await RaiseAsync(AlertKinds.VideoLoss, 3, CameraBodies.Camera2, Grid2, GridForCameras.InGrid2);
        var routed = await RoutedAsync(alert.Id);
        Assert.Equal(AlertRoutes.Maintenance, routed.RoutedTo);
        Assert.Equal(routed.RoutedAt + TimeSpan.FromHours(1), routed.AckDeadline);
        var tasks = await Admin.GetFromJsonAsync<JsonElement>($"/api/videoalert/maintenance?org={Grid2}", Ct);
        var task = Assert.Single(tasks.EnumerateArray(), t => t.GetProperty("alertId").GetGuid() == alert.Id);
        Assert.Equal((routed.RouteTarget, "social", CameraBodies.Camera2), (task.GetProperty("id").GetString(), task.GetProperty("owner").GetString(), task.GetProperty("cameraId").GetString()));
        // Out of reach: a grid leader holds no camera.manage; an admin of another community sees none of grid 002's.
        using var leader = f.Host.Client(f.Grid.Issuer.TokenFor("leader-1", Grid2, [RoleCatalog.GridLeader]));
        using var refused = await leader.GetAsync("/api/videoalert/maintenance", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var elsewhere = f.Host.Client(f.Grid.Issuer.TokenFor("admin-2", OtherCommunity, ["admin"]));
        Assert.Empty((await elsewhere.GetFromJsonAsync<JsonElement>("/api/videoalert/maintenance", Ct)).EnumerateArray());
    }

    [Fact]
    public async Task Rule_edits_are_versioned_checked_by_field_and_change_where_the_next_alert_goes()
    {
        using var operatorClient = f.Host.Client(f.Grid.Issuer.TokenFor("op-1", County, [RoleCatalog.CentreOperator]));
        var current = await operatorClient.GetFromJsonAsync<RoutingRulesView>("/api/videoalert/routing/rules", Ct);
        Assert.Contains(current!.Rules, r => r.Kind == AlertKinds.FireSmoke && r.Category == "safety_hazard");

        // Only alert.rules.manage changes them.
        await RefusedAsync(operatorClient, new RoutingRulesChange(current.Version, current.Rules), HttpStatusCode.Forbidden);
        foreach (var (rule, field) in new (RoutingRuleInput, string)[]
        {
            (new("smoking", 1, 4, "", "none", null, null, null), "rules[1].kind"),
            (new("any", 0, 4, "", "none", null, null, null), "rules[1].priorityFrom"),
            (new("any", 1, 5, "", "none", null, null, null), "rules[1].priorityTo"),
            (new("fire_smoke", 1, 4, "", "incident", " ", "urgent", null), "rules[1].category"),
            (new("fire_smoke", 1, 4, "", "incident", "safety_hazard", "asap", null), "rules[1].urgency"),
            (new("fire_smoke", 1, 4, "632801//1", "none", null, null, null), "rules[1].area"),
            (new("fire_smoke", 1, 4, "", "escalate", null, null, null), "rules[1].action"),
        })
            await RefusedAsync(Admin, new RoutingRulesChange(current.Version, [current.Rules[0], rule]), HttpStatusCode.BadRequest, field);

        // Grid 002 sends fire straight to the community's maintenance unit; everything else as before.
        var edited = current.Rules.Append(new RoutingRuleInput(AlertKinds.FireSmoke, 1, 4, Grid2, AlertRoutes.Maintenance, null, null, "fire-unit-002")).ToList();
        using var saved = await Admin.PutAsJsonAsync("/api/videoalert/routing/rules", new RoutingRulesChange(current.Version, edited), Ct);
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync(Ct));
        Assert.Equal(current.Version + 1, (await saved.Content.ReadFromJsonAsync<RoutingRulesView>(Ct))!.Version);
        await RefusedAsync(Admin, new RoutingRulesChange(current.Version, current.Rules), HttpStatusCode.Conflict);

        var inGrid2 = await RoutedAsync((await RaiseAsync(AlertKinds.FireSmoke, 2, CameraBodies.Camera2, Grid2, GridForCameras.InGrid2)).Id);
        Assert.Equal((AlertRoutes.Maintenance, "fire-unit-002"), (inGrid2.RoutedTo, inGrid2.Department));
        var inGrid1 = await RoutedAsync((await RaiseAsync(AlertKinds.FireSmoke, 2)).Id);
        Assert.Equal(AlertRoutes.Incident, inGrid1.RoutedTo);

        using var restored = await Admin.PutAsJsonAsync("/api/videoalert/routing/rules", new RoutingRulesChange(current.Version + 1, current.Rules), Ct);
        Assert.True(restored.IsSuccessStatusCode, await restored.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Grid_away_keeps_the_alert_open_and_it_is_retried_with_a_backoff_until_grid_answers()
    {
        f.Gate.Close();
        try
        {
            var alert = await RaiseAsync(AlertKinds.Flooding, 2);
            Assert.True(await Eventually.HoldsAsync(async () => (await ReadAsync(alert.Id)).RouteAttempts >= 1 && (await ReadAsync(alert.Id)).NextRouteAt is not null
                && (await ReadAsync(alert.Id)).NextRouteAt < f.Host.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(10), Ct));
            var failed = await ReadAsync(alert.Id);
            Assert.Equal(AlertStatus.Open, failed.Status);
            Assert.True(failed.NextRouteAt > f.Host.Clock.GetUtcNow().UtcDateTime, "backing off");
            f.Host.Clock.Advance(TimeSpan.FromSeconds(3));
            // Tried again after the backoff, failed again, and now waits twice as long (4 s, not the 30 s lease of a try in flight).
            Assert.True(await Eventually.HoldsAsync(async () => await ReadAsync(alert.Id) is { RouteAttempts: 2 } a
                && a.NextRouteAt < f.Host.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(10), Ct), "retried after the backoff");
            var again = await ReadAsync(alert.Id);
            Assert.Equal(AlertStatus.Open, again.Status);
            Assert.True(again.NextRouteAt - f.Host.Clock.GetUtcNow().UtcDateTime > TimeSpan.FromSeconds(2.5), "the second wait is longer");

            f.Gate.Open();
            f.Host.Clock.Advance(TimeSpan.FromSeconds(5));
            var routed = await RoutedAsync(alert.Id);
            Assert.Equal(AlertRoutes.Incident, routed.RoutedTo);
            Assert.NotNull(routed.RouteTarget);
        }
        finally
        {
            f.Gate.Open();
        }
    }

    [Fact]
    public async Task Two_more_routers_claiming_at_once_route_each_alert_exactly_once()
    {
        // Alerts that fall due together (each first waits out a backoff), then the host's router and two more, each a
        // replica's claim of many alerts in one statement, race for them.
        var now = f.Host.Clock.GetUtcNow().UtcDateTime;
        var alerts = Enumerable.Range(0, 24).Select(i => new Alert
        {
            Id = Guid.CreateVersion7(), CameraId = CameraBodies.Camera1, Kind = i % 3 == 0 ? AlertKinds.VideoLoss : AlertKinds.FireSmoke, Priority = 2,
            Method = AlertMethods.Video, FirstAt = now, LastAt = now, Grouping = false, Longitude = GridForCameras.InGrid1.Longitude,
            Latitude = GridForCameras.InGrid1.Latitude, OrgPath = Grid1, Status = AlertStatus.Open, RouteAttempts = 1, NextRouteAt = now + TimeSpan.FromSeconds(1),
        }).ToList();
        await f.Host.SeedAsync(db => db.Alerts.AddRange(alerts));
        f.Host.Clock.Advance(TimeSpan.FromSeconds(2));

        async Task<List<Guid>> ReplicaAsync()
        {
            var won = new List<Guid>();
            while (true)
            {
                await using var scope = f.Host.Services.CreateAsyncScope();
                var routing = scope.ServiceProvider.GetRequiredService<AlertRouting>();
                var claim = await routing.ClaimAsync(5, Ct);
                if (claim.Alerts.Count == 0) return won;
                foreach (var claimed in claim.Alerts)
                {
                    won.Add(claimed.Alert.Id);
                    await using var own = f.Host.Services.CreateAsyncScope();
                    Assert.True(await own.ServiceProvider.GetRequiredService<AlertRouting>().RouteAsync(claimed, claim.Rules, Ct));
                }
            }
        }
        var replicas = await Task.WhenAll(ReplicaAsync(), ReplicaAsync());

        Assert.Empty(replicas[0].Intersect(replicas[1]));
        foreach (var alert in alerts)
        {
            var routed = await RoutedAsync(alert.Id);
            Assert.Equal(2, routed.RouteAttempts);
            await f.Host.Events.WaitForAsync<AlertRouted>(e => e.AlertId == alert.Id);
            Assert.Single(await f.Host.Events.AllAsync<AlertRouted>(e => e.AlertId == alert.Id));
            var id = alert.Id.ToString();
            if (alert.Kind == AlertKinds.FireSmoke)
                Assert.Equal(1, await f.Grid.QueryAsync(db => db.Incidents.CountAsync(i => i.Description != null && i.Description.Contains(id), Ct)));
            else
                Assert.Equal(1, await f.Host.QueryAsync(db => db.MaintenanceTasks.CountAsync(t => t.AlertId == alert.Id, Ct)));
        }
    }

    [Fact]
    public async Task A_missed_acknowledgment_deadline_escalates_one_level_up_the_org_tree_each_time()
    {
        var now = f.Host.Clock.GetUtcNow().UtcDateTime;
        var late = await RaiseAsync(AlertKinds.RoadBlocked, 2, status: AlertStatus.Routed, ackDeadline: now + TimeSpan.FromMinutes(15));
        var acknowledged = await RaiseAsync(AlertKinds.RoadBlocked, 2, status: AlertStatus.Acknowledged, ackDeadline: now + TimeSpan.FromMinutes(15));

        f.Host.Clock.Advance(TimeSpan.FromMinutes(16));
        var first = await f.Host.Events.WaitForAsync<AlertEscalated>(e => e.AlertId == late.Id);
        Assert.Equal((1, Community, Grid1), (first.Level, first.EscalatedTo, first.OrgPath));
        var once = await ReadAsync(late.Id);
        Assert.Equal(1, once.EscalationLevel);
        Assert.Equal(once.EscalatedAt + TimeSpan.FromMinutes(15), once.AckDeadline);

        f.Host.Clock.Advance(TimeSpan.FromMinutes(16));
        var second = await f.Host.Events.WaitForAsync<AlertEscalated>(e => e.AlertId == late.Id && e.Level == 2);
        Assert.Equal(Street, second.EscalatedTo);
        f.Host.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(County, (await f.Host.Events.WaitForAsync<AlertEscalated>(e => e.AlertId == late.Id && e.Level == 3)).EscalatedTo);
        Assert.True(await Eventually.HoldsAsync(async () => (await ReadAsync(late.Id)).AckDeadline is null, Ct), "nobody above the county: no further deadline");

        // The sweep passed it three times meanwhile: an acknowledged alert never escalates.
        Assert.Equal(0, (await ReadAsync(acknowledged.Id)).EscalationLevel);
    }

    private static async Task RefusedAsync(HttpClient client, RoutingRulesChange change, HttpStatusCode status, string? field = null)
    {
        using var response = await client.PutAsJsonAsync("/api/videoalert/routing/rules", change, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {text}");
        if (field is not null) Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), text);
    }
}
