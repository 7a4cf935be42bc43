using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Governance.VideoAlert.Alarms;
using Governance.VideoAlert.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Governance.VideoAlert.Tests.Infrastructure.VideoAlertHost;

namespace Governance.VideoAlert.Tests.Webhook;

/// <summary>
/// Webhook sources and the webhook itself, on one host pair (a real grid host places the cameras): sources are scoped
/// by camera.manage and show their key once, storing only its hash; the webhook refuses a bad key (401, nothing
/// stored), bad JSON and out-of-range fields (400 naming the field), cameras it may not report for (404), and stores an
/// alarm once per eventId with Source=webhook.
/// </summary>
public sealed class WebhookTests(WebhookTests.Hosts hosts) : IClassFixture<WebhookTests.Hosts>
{
    public sealed class Hosts() : GridAndVideoAlertHosts(cameras: [CameraBodies.Body(), CameraBodies.Body(CameraBodies.Camera2, GridForCameras.InGrid2)]);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient As(string role, string org) => hosts.As(role, org);

    private async Task<(string Id, string Key)> CreateSourceAsync(string org, string name = "烟火识别盒")
    {
        using var response = await As("admin", County).PostAsJsonAsync("/api/videoalert/sources", new { name, orgPath = org }, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var created = JsonDocument.Parse(text).RootElement;
        return (created.GetProperty("source").GetProperty("id").GetString()!, created.GetProperty("apiKey").GetString()!);
    }

    private Task<HttpResponseMessage> PostAsync(string? key, string json, string path = "/api/videoalert/webhook/alarms")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        return hosts.Host.Client().SendAsync(request, Ct);
    }

    private static string Alarm(string eventId, string camera = CameraBodies.Camera1, int priority = 1, string kind = "fire_smoke",
        string occurredAt = "2026-11-30T10:15:00+08:00") =>
        JsonSerializer.Serialize(new { cameraId = camera, eventId, kind, priority, occurredAt, description = "烟雾" });

    private static async Task<JsonElement> AssertStatusAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {text}");
        var body = text.Length > 0 ? JsonDocument.Parse(text).RootElement : default;
        if (field is not null) Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), text);
        return body;
    }

    private Task<int> WebhookAlarmsAsync() => hosts.Host.QueryAsync(db => db.Alarms.CountAsync(a => a.Source == AlarmSources.Webhook, Ct));

    [Fact]
    public async Task A_source_is_created_within_the_admins_reach_and_its_key_is_shown_once_and_stored_only_as_a_hash()
    {
        // Without camera.manage, or over another org than the admin's, nothing is created.
        using var leader = await As("grid_leader", Grid1).PostAsJsonAsync("/api/videoalert/sources", new { name = "x", orgPath = Grid1 }, Ct);
        await AssertStatusAsync(leader, HttpStatusCode.Forbidden);
        using var outOfReach = await As("admin", OtherCommunity).PostAsJsonAsync("/api/videoalert/sources", new { name = "x", orgPath = Community }, Ct);
        await AssertStatusAsync(outOfReach, HttpStatusCode.Forbidden);
        using var noOrg = await As("admin", County).PostAsJsonAsync("/api/videoalert/sources", new { name = "x", orgPath = "not/a path" }, Ct);
        await AssertStatusAsync(noOrg, HttpStatusCode.BadRequest, "orgPath");

        var (id, key) = await CreateSourceAsync(Community, "社区AI盒");
        Assert.True(id.Length <= 20);
        Assert.Equal(43, key.Length);
        var listed = await As("admin", Community).GetStringAsync("/api/videoalert/sources", Ct);
        Assert.Contains(id, listed);
        Assert.DoesNotContain(key, listed);
        Assert.DoesNotContain(id, await As("admin", OtherCommunity).GetStringAsync("/api/videoalert/sources", Ct));

        var stored = await hosts.Host.QueryAsync(db => db.AlarmSources.SingleAsync(s => s.Id == id, Ct));
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(key)), stored.KeyHash);
        Assert.Equal(key[..8], stored.KeyPrefix);
        Assert.Equal(Community, stored.OrgPath);

        // The demo player is mapped only in the standalone demo (VideoAlert:Demo:Enabled).
        using (var demo = await As("admin", County).PostAsync("/api/videoalert/demo/play", null, Ct)) Assert.Equal(HttpStatusCode.NotFound, demo.StatusCode);

        // Revoking needs the same reach; out of it the source reads as absent.
        using var foreign = await As("admin", OtherCommunity).PostAsync($"/api/videoalert/sources/{id}/revoke", null, Ct);
        await AssertStatusAsync(foreign, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_bad_key_is_refused_401_and_nothing_is_stored_even_when_the_source_is_revoked()
    {
        var (id, key) = await CreateSourceAsync(Community);
        // Accepted once first, so that the source is in this replica's key cache when it is revoked.
        using (var accepted = await PostAsync(key, Alarm("e-before-revoke"))) await AssertStatusAsync(accepted, HttpStatusCode.Created);
        var before = await WebhookAlarmsAsync();

        foreach (var bad in new[] { null, "nonsense", key[..42] + (key[42] == 'A' ? 'B' : 'A') })
        {
            using var refused = await PostAsync(bad, Alarm("e-bad-key"));
            await AssertStatusAsync(refused, HttpStatusCode.Unauthorized);
            Assert.Contains("X-Api-Key", refused.Headers.WwwAuthenticate.ToString());
        }
        // The key is checked before the body: a bad key with bad JSON is still 401.
        using (var badBoth = await PostAsync("nonsense", "{not json")) await AssertStatusAsync(badBoth, HttpStatusCode.Unauthorized);

        using (var revoke = await As("admin", County).PostAsync($"/api/videoalert/sources/{id}/revoke", null, Ct))
            Assert.NotNull((await AssertStatusAsync(revoke, HttpStatusCode.OK)).GetProperty("revokedAt").GetString());
        using var revoked = await PostAsync(key, Alarm("e-revoked"));
        await AssertStatusAsync(revoked, HttpStatusCode.Unauthorized);
        Assert.Equal(before, await WebhookAlarmsAsync());
    }

    [Fact]
    public async Task Bad_JSON_fields_out_of_range_and_cameras_out_of_the_sources_org_are_refused_naming_the_field()
    {
        var (_, key) = await CreateSourceAsync(Grid1);
        var before = await WebhookAlarmsAsync();

        using (var notJson = await PostAsync(key, "{\"cameraId\": ")) await AssertStatusAsync(notJson, HttpStatusCode.BadRequest);
        using (var wrongType = await PostAsync(key, "{\"cameraId\": \"x\", \"priority\": \"high\"}")) await AssertStatusAsync(wrongType, HttpStatusCode.BadRequest, "priority");
        using (var priority = await PostAsync(key, Alarm("e-1", priority: 5))) await AssertStatusAsync(priority, HttpStatusCode.BadRequest, "priority");
        using (var kind = await PostAsync(key, Alarm("e-1", kind: "device_flapping"))) await AssertStatusAsync(kind, HttpStatusCode.BadRequest, "kind");
        using (var noOffset = await PostAsync(key, Alarm("e-1", occurredAt: "2026-11-30T10:15:00"))) await AssertStatusAsync(noOffset, HttpStatusCode.BadRequest, "occurredAt");
        using (var eventId = await PostAsync(key, Alarm(new string('x', 65)))) await AssertStatusAsync(eventId, HttpStatusCode.BadRequest, "eventId");
        using (var half = await PostAsync(key, JsonSerializer.Serialize(new { cameraId = CameraBodies.Camera1, eventId = "e-1", kind = "flooding", priority = 2,
            occurredAt = "2026-11-30T02:15:00Z", longitude = 94.9 }))) await AssertStatusAsync(half, HttpStatusCode.BadRequest, "latitude");
        using (var cameraId = await PostAsync(key, Alarm("e-1", camera: "6328010000132000000"))) await AssertStatusAsync(cameraId, HttpStatusCode.BadRequest, "cameraId");

        // Not in the registry, and in the registry but in grid 002 while the source reports for grid 001: both read as absent.
        using (var unknown = await PostAsync(key, Alarm("e-1", camera: "63280100001320000099"))) await AssertStatusAsync(unknown, HttpStatusCode.NotFound);
        using (var outside = await PostAsync(key, Alarm("e-1", camera: CameraBodies.Camera2))) await AssertStatusAsync(outside, HttpStatusCode.NotFound);
        Assert.Equal(before, await WebhookAlarmsAsync());
    }

    [Fact]
    public async Task A_camera_moved_out_of_the_sources_org_is_refused_at_the_next_alarm_though_its_place_was_cached()
    {
        const string moving = "63280100001320000005";
        var admin = As("admin", County);
        (await admin.PostAsJsonAsync("/api/videoalert/cameras", CameraBodies.Body(moving), Ct)).EnsureSuccessStatusCode();
        var (_, key) = await CreateSourceAsync(Grid1);
        using (var inside = await PostAsync(key, Alarm("m-1", camera: moving))) await AssertStatusAsync(inside, HttpStatusCode.Created);

        using (var moved = await admin.PatchAsJsonAsync($"/api/videoalert/cameras/{moving}",
                   new { version = 1, longitude = GridForCameras.InGrid2.Longitude, latitude = GridForCameras.InGrid2.Latitude }, Ct))
            await AssertStatusAsync(moved, HttpStatusCode.OK);

        using (var outside = await PostAsync(key, Alarm("m-2", camera: moving))) await AssertStatusAsync(outside, HttpStatusCode.NotFound);
        Assert.Equal(["m-1"], await hosts.Host.QueryAsync(db => db.Alarms.Where(a => a.CameraId == moving).Select(a => a.Sn).ToListAsync(Ct)));
    }

    [Fact]
    public async Task An_alarm_is_stored_once_per_eventId_as_a_webhook_alarm_with_its_wall_time_in_China_Standard_Time()
    {
        var (id, key) = await CreateSourceAsync(Community);

        using var first = await PostAsync(key, Alarm("box7-000123", occurredAt: "2026-11-30T02:15:00Z"));
        var answer = await AssertStatusAsync(first, HttpStatusCode.Created);
        // The same eventId again (even with another time): 200 with the first alarm, no second row.
        using var again = await PostAsync(key, Alarm("box7-000123", occurredAt: "2026-11-30T02:16:00Z"));
        var repeated = await AssertStatusAsync(again, HttpStatusCode.OK);
        Assert.Equal(answer.GetProperty("alarmId").GetGuid(), repeated.GetProperty("alarmId").GetGuid());
        // Two requests at once with a new eventId: one row, both answered with it.
        var both = await Task.WhenAll(PostAsync(key, Alarm("box7-000124")), PostAsync(key, Alarm("box7-000124")));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Created], both.Select(r => r.StatusCode).Order());

        var stored = await hosts.Host.QueryAsync(db => db.Alarms.Where(a => a.SourceId == id).OrderBy(a => a.Sn).ToListAsync(Ct));
        Assert.Equal(["box7-000123", "box7-000124"], stored.Select(a => a.Sn));
        var alarm = stored[0];
        Assert.Equal(answer.GetProperty("alarmId").GetGuid(), alarm.Id);
        Assert.Equal((AlarmSources.Webhook, id, id, CameraBodies.Camera1, 5, (int?)null, "fire_smoke", 1),
            (alarm.Source, alarm.SourceId, alarm.SenderId, alarm.CameraId, alarm.Method, alarm.AlarmType, alarm.Kind, alarm.Priority));
        Assert.Equal(new DateTime(2026, 11, 30, 10, 15, 0), alarm.DeviceTime);
        Assert.Equal((Grid1, "632801001002001", "烟雾"), (alarm.OrgPath, alarm.GridCode, alarm.Description));
        foreach (var r in both) r.Dispose();
    }

    [Fact]
    public async Task A_batch_is_checked_item_by_item_and_stored_whole_or_not_at_all()
    {
        const string Batch = "/api/videoalert/webhook/alarms/batch";
        var (id, key) = await CreateSourceAsync(Grid1);
        using (var single = await PostAsync(key, Alarm("b-1"))) await AssertStatusAsync(single, HttpStatusCode.Created);
        var before = await WebhookAlarmsAsync();
        string Items(params string[] alarms) => "[" + string.Join(",", alarms) + "]";

        using (var unknown = await PostAsync("nonsense", Items(Alarm("b-2")), Batch)) await AssertStatusAsync(unknown, HttpStatusCode.Unauthorized);
        using (var priority = await PostAsync(key, Items(Alarm("b-2"), Alarm("b-3", priority: 5)), Batch))
            await AssertStatusAsync(priority, HttpStatusCode.BadRequest, "[1].priority");
        using (var twice = await PostAsync(key, Items(Alarm("b-2"), Alarm("b-2")), Batch)) await AssertStatusAsync(twice, HttpStatusCode.BadRequest, "[1].eventId");
        using (var outside = await PostAsync(key, Items(Alarm("b-2"), Alarm("b-3", camera: CameraBodies.Camera2)), Batch))
            await AssertStatusAsync(outside, HttpStatusCode.NotFound);
        using (var empty = await PostAsync(key, "[]", Batch)) await AssertStatusAsync(empty, HttpStatusCode.BadRequest, "body");
        Assert.Equal(before, await WebhookAlarmsAsync());

        // b-1 was stored before: answered with that alarm; b-2 and b-3 stored together.
        using var good = await PostAsync(key, Items(Alarm("b-1"), Alarm("b-2", kind: "flooding", priority: 2), Alarm("b-3", kind: "video_loss", priority: 3)), Batch);
        var answers = (await AssertStatusAsync(good, HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal([false, true, true], answers.Select(a => a.GetProperty("stored").GetBoolean()));
        Assert.Equal(before + 2, await WebhookAlarmsAsync());
        var kinds = await hosts.Host.QueryAsync(db => db.Alarms.Where(a => a.SourceId == id).OrderBy(a => a.Sn).Select(a => a.Kind).ToListAsync(Ct));
        Assert.Equal(["fire_smoke", "flooding", "video_loss"], kinds);
    }
}
