using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Governance.EndToEnd.Tests.Cluster.ClusterFixture;

namespace Governance.EndToEnd.Tests.Cluster;

/// <summary>
/// The cluster topology run for real on one machine (deploy/cluster-local): every hop below crosses processes, over
/// HTTP, gRPC or RabbitMQ. A citizen's Open311 dispute becomes a grid incident and, handed over, a mediation case; settled
/// and followed up in mediation, the outcome comes back and closes the incident, which the citizen's request shows; a video
/// alarm posted to video-alert's webhook becomes a grid incident through the router's client-credentials token from identity
/// and grid's ReportIncident, and search (its own process, fed by grid's events, the incident's words read from grid over
/// gRPC) finds it for the street's desk and not for another community's; and with a service killed (SIGKILL) in the middle of
/// such flows and started again, every case and incident arrives once, none twice (outboxes, inboxes, request ids).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterTopologyTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private void RequireCluster()
    {
        if (cluster.Missing is null) return;
        if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail("Chart tools missing under CI: " + cluster.Missing);
        Assert.Skip("Chart tools missing: " + cluster.Missing);
    }

    [Fact]
    public async Task An_Open311_dispute_handed_over_to_mediation_in_another_process_is_settled_there_and_the_outcome_closes_the_citizens_request()
    {
        RequireCluster();
        foreach (var figure in cluster.Figures) TestContext.Current.SendDiagnosticMessage(figure);
        var watch = Stopwatch.StartNew();
        var (incidentId, requestId) = await ReportAndHandOverAsync("楼上漏水，协商不成");
        var handedOver = watch.ElapsedMilliseconds;
        await UntilAsync(() => CasesOf(incidentId), n => n == 1, "mediation's case for the handed-over incident");
        var toCase = watch.ElapsedMilliseconds;
        using var centre = Client(cluster.Topology["grid"].Http, await cluster.CentreTokenAsync());
        await UntilAsync(() => Timeline(centre, incidentId), t => t.Contains("mediation-registered"), "grid learns the case's registration");
        var registeredBack = watch.ElapsedMilliseconds;
        using var app = Client(cluster.Topology["grid"].Http);
        async Task<JsonElement> Request() => (await app.GetFromJsonAsync<JsonElement>($"/open311/v2/requests/{requestId}.json", Ct))[0];
        Assert.Equal("open", (await Request()).GetProperty("status").GetString());

        // In mediation's process, as its people would: the county's admin sets up a body where the case stands and a
        // mediator in it; the street's mediator completes the case, mediates, records the agreement every party confirmed,
        // and the follow-up visit closes the case.
        using var mediator = Client(cluster.Topology["mediation"].Http, await cluster.TokenAsync(StreetMediator));
        var caseId = await CaseIdOf(incidentId);
        var stands = (await mediator.GetFromJsonAsync<JsonElement>($"/api/mediation/cases/{caseId}", Ct)).GetProperty("case");
        var (level, responsible) = (stands.GetProperty("level").GetString()!, stands.GetProperty("responsibleOrgPath").GetString()!);
        using var admin = Client(cluster.Topology["mediation"].Http, cluster.AdminToken);
        var body = (await PostAsync(admin, "/api/mediation/bodies", new { name = "金峰社区人民调解委员会", kind = "peoples_committee", level, orgPath = responsible },
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var mediatorId = (await PostAsync(admin, $"/api/mediation/bodies/{body}/mediators", new { name = "王调解", specialties = new[] { "neighbour" } },
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await PostAsync(mediator, $"/api/mediation/cases/{caseId}/parties", new { kind = "person", role = "applicant", name = "张三", contact = "13900139000" }, HttpStatusCode.Created);
        await PostAsync(mediator, $"/api/mediation/cases/{caseId}/parties", new { kind = "person", role = "respondent", name = "李四" }, HttpStatusCode.Created);
        await PostAsync(mediator, $"/api/mediation/cases/{caseId}/assign", new { bodyId = body, mediatorId });
        await PostAsync(mediator, $"/api/mediation/cases/{caseId}/sessions",
            new { heldAt = DateTime.UtcNow, place = "社区调解室", participants = new[] { "张三", "李四" }, minutes = "双方陈述" }, HttpStatusCode.Created);
        var parties = (await mediator.GetFromJsonAsync<JsonElement>($"/api/mediation/cases/{caseId}", Ct)).GetProperty("parties").EnumerateArray().ToList();
        var now = DateTime.UtcNow;
        var settled = await PostAsync(mediator, $"/api/mediation/cases/{caseId}/outcome", new
        {
            kind = "agreement", terms = "李四修复漏水并赔偿张三维修费。", performanceDeadline = DateOnly.FromDateTime(now.AddDays(15)),
            amounts = new[] { new { description = "维修费", amount = 3000m } },
            confirmations = parties.Select(p => new
            {
                partyId = p.GetProperty("id").GetGuid(), method = p.GetProperty("role").GetString() == "applicant" ? "paper_signature" : "in_person", confirmedAt = now,
            }),
        });
        Assert.Equal("settled", settled.GetProperty("state").GetString());
        await UntilAsync(() => Timeline(centre, incidentId), t => t.Contains("mediation-settled"), "grid learns the settlement");
        // A settlement alone leaves the incident open: the agreement is still to be performed, and the follow-up checks that.
        Assert.Equal("open", (await Request()).GetProperty("status").GetString());

        var followUp = Stopwatch.StartNew();
        await PostAsync(mediator, $"/api/mediation/cases/{caseId}/follow-ups", new { satisfaction = 5, comment = "已履行" });
        var closed = await UntilAsync(Request, r => r.GetProperty("status").GetString() == "closed", "the citizen's request closes with the case");
        TestContext.Current.SendDiagnosticMessage($"Open311 report posted, registered and handed over through grid's REST: {handedOver} ms; " +
            $"-> mediation's case (in its database): {toCase} ms ({toCase - handedOver} ms after the hand-over); " +
            $"-> back in grid's timeline: {registeredBack} ms; mediation's follow-up -> the Open311 request closed: {followUp.ElapsedMilliseconds} ms");
        Assert.Equal("Settled by people's mediation: the parties confirmed an agreement, and the case was closed after a follow-up visit.",
            closed.GetProperty("status_notes").GetString());
        Assert.Equal(["report", "register", "hand-over", "mediation-registered", "mediation-settled", "mediation-follow-up", "close"],
            await Timeline(centre, incidentId));
        // The parties' names and contacts stay in mediation.
        var everything = await app.GetStringAsync($"/open311/v2/requests/{requestId}.json", Ct) + await centre.GetStringAsync($"/api/grid/incidents/{incidentId}/timeline", Ct);
        Assert.DoesNotContain("张三", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("13900139000", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_video_alarm_posted_to_the_webhook_becomes_a_grid_incident()
    {
        RequireCluster();
        var eventId = "box-" + Guid.NewGuid().ToString("n")[..12];
        var watch = Stopwatch.StartNew();
        await PostAlarmAsync(Camera1, eventId, "fire_smoke", HttpStatusCode.Created);
        var incident = await UntilAsync(() => RouteTargetOf(Camera1, "fire_smoke"), t => t is not null, "the alert routed to an incident");
        var routed = watch.ElapsedMilliseconds;
        var alert = await AlertIdOf(Camera1, "fire_smoke");
        // The router reports with the alert's id as ReportIncident's request_id: one incident for it, the one routed to.
        Assert.Equal(1, await cluster.CountAsync("grid", "SELECT count(*) FROM incidents WHERE \"Id\" = @id AND \"ReportRequestId\" = @r",
            ("id", Guid.Parse(incident!)), ("r", $"alert:{alert}")));
        // The same alarm again (a box's retry): stored once, no second alert, no second incident.
        await PostAlarmAsync(Camera1, eventId, "fire_smoke", HttpStatusCode.OK);
        Assert.Equal(1, await cluster.CountAsync("video-alert", "SELECT count(*) FROM alerts WHERE \"CameraId\" = @c AND \"Kind\" = 'fire_smoke'", ("c", Camera1)));

        // Search, its own process fed by grid's events over the broker, finds the incident by its number for the street's desk
        // (signed in with identity's token) and not for the desk of another community of the same street.
        using var centre = Client(cluster.Topology["grid"].Http, await cluster.CentreTokenAsync());
        var number = (await centre.GetFromJsonAsync<JsonElement>($"/api/grid/incidents/{incident}", Ct)).GetProperty("number").GetString()!;
        var query = $"/api/search?q={Uri.EscapeDataString(number)}&type=incident";
        using var desk = Client(cluster.Topology["search"].Http, await cluster.CentreTokenAsync());
        var found = await UntilAsync(async () => await desk.GetFromJsonAsync<JsonElement>(query, Ct), r => r.GetProperty("total").GetInt64() > 0,
            $"search finds incident {number}");
        TestContext.Current.SendDiagnosticMessage($"webhook alarm -> grid incident (video-alert's router): {routed} ms; -> found by search: {watch.ElapsedMilliseconds} ms");
        Assert.Equal([incident!], found.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("recordId").GetString()!));
        // The incident's own words (its title names the camera) are not in grid's events: search's indexer read them from
        // grid's GetIncidents over gRPC, as its service account with identity's token.
        var byWords = $"/api/search?q={Uri.EscapeDataString(number + " 金峰社区路口")}&type=incident";
        var words = await UntilAsync(async () => await desk.GetFromJsonAsync<JsonElement>(byWords, Ct), r => r.GetProperty("total").GetInt64() > 0,
            $"search finds incident {number} by its camera's name, fetched from grid");
        Assert.Equal([incident!], words.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("recordId").GetString()!));
        using var other = Client(cluster.Topology["search"].Http, await cluster.TokenAsync(OtherDesk));
        foreach (var asked in new[] { query, byWords })
        {
            var unseen = await other.GetFromJsonAsync<JsonElement>(asked, Ct);
            Assert.Equal(0, unseen.GetProperty("total").GetInt64());
            Assert.Empty(unseen.GetProperty("hits").EnumerateArray());
        }
        // Without a token, nothing.
        using var anonymous = Client(cluster.Topology["search"].Http);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(query, Ct)).StatusCode);
    }

    [Fact]
    public async Task Killing_mediation_and_grid_mid_flow_and_starting_them_again_loses_nothing_and_duplicates_nothing()
    {
        RequireCluster();
        var topology = cluster.Topology;

        // Mediation: thirty disputes handed over back to back, and mediation killed as soon as the first case is made,
        // while it works through the others (how many were made by then is reported, never asserted: it is the machine's timing).
        var reported = new List<Guid>();
        for (var i = 0; i < 30; i++) reported.Add((await ReportAsync($"纠纷 {i}")).IncidentId);
        using var centre = Client(topology["grid"].Http, await cluster.CentreTokenAsync());
        foreach (var id in reported) await PostAsync(centre, $"/api/grid/incidents/{id}/register", new { });
        var handOvers = reported.Select(id => PostAsync(centre, $"/api/grid/incidents/{id}/hand-over", new { note = "移交人民调解" })).ToList();
        var first = Stopwatch.StartNew();
        while (await CasesOf([.. reported]) == 0) Assert.True(first.Elapsed < TimeSpan.FromMinutes(2), "mediation made no case from the hand-overs");
        await topology["mediation"].KillAsync();
        await Task.WhenAll(handOvers);
        var before = await CasesOf([.. reported]);
        topology.Start("mediation");
        await topology["mediation"].WaitReadyAsync(Ready, Ct);
        await UntilAsync(() => CasesOf([.. reported]), n => n == reported.Count, "a case for every hand-over after the restart");
        foreach (var id in reported)
        {
            Assert.Equal(1, await CasesOf(id));
            await UntilAsync(() => Timeline(centre, id), t => t.Count(a => a == "mediation-registered") == 1, $"grid's timeline of {id} names the case once");
        }
        TestContext.Current.SendDiagnosticMessage($"mediation killed with {before} of {reported.Count} cases made; {reported.Count} after its restart");

        // Grid: killed, then three alarms of three kinds (three alerts) wait in video-alert's router, and grid comes back.
        await topology["grid"].KillAsync();
        string[] kinds = ["fire_smoke", "flooding", "road_blocked"];
        foreach (var kind in kinds) await PostAlarmAsync(Camera2, "box-" + Guid.NewGuid().ToString("n")[..12], kind, HttpStatusCode.Created);
        foreach (var kind in kinds) Assert.Null(await RouteTargetOf(Camera2, kind));
        topology.Start("grid");
        await topology["grid"].WaitReadyAsync(Ready, Ct);
        var targets = new List<string>();
        foreach (var kind in kinds) targets.Add((await UntilAsync(() => RouteTargetOf(Camera2, kind), t => t is not null, $"the {kind} alert routed after grid's restart"))!);
        Assert.Equal(3, targets.Distinct().Count());
        Assert.Equal(3, await cluster.CountAsync("grid", "SELECT count(*) FROM incidents WHERE \"Id\" = ANY(@ids)", ("ids", targets.Select(Guid.Parse).ToArray())));
        Assert.Equal(3, await cluster.CountAsync("video-alert", "SELECT count(*) FROM alerts WHERE \"CameraId\" = @c", ("c", Camera2)));
        // Grid took each alert's report once, however often the router tried: one incident per alert's request id.
        var requests = new List<string>();
        foreach (var kind in kinds) requests.Add($"alert:{await AlertIdOf(Camera2, kind)}");
        Assert.Equal(3, await cluster.CountAsync("grid", "SELECT count(*) FROM incidents WHERE \"ReportRequestId\" = ANY(@r)", ("r", requests.ToArray())));

        // The flows still run end to end after both restarts.
        var warm = Stopwatch.StartNew();
        var (incidentId, _) = await ReportAndHandOverAsync("restart 之后");
        var handedOver = warm.ElapsedMilliseconds;
        await UntilAsync(() => CasesOf(incidentId), n => n == 1, "a case after both restarts");
        TestContext.Current.SendDiagnosticMessage($"after both restarts (warm processes): Open311 report posted, registered and handed over: {handedOver} ms; " +
            $"-> mediation's case: {warm.ElapsedMilliseconds} ms");
    }

    private async Task<(Guid IncidentId, string RequestId)> ReportAsync(string description)
    {
        using var app = Client(cluster.Topology["grid"].Http);
        var posted = await app.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = cluster.Open311Key, ["service_code"] = "dispute", ["lat"] = Latitude.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["long"] = Longitude.ToString(System.Globalization.CultureInfo.InvariantCulture), ["description"] = description,
        }), Ct);
        Assert.True(posted.StatusCode == HttpStatusCode.Created, await posted.Content.ReadAsStringAsync(Ct));
        var requestId = (await posted.Content.ReadFromJsonAsync<JsonElement>(Ct))[0].GetProperty("service_request_id").GetString()!;
        using var centre = Client(cluster.Topology["grid"].Http, await cluster.CentreTokenAsync());
        var incident = (await centre.GetFromJsonAsync<JsonElement>($"/api/grid/incidents?limit=500", Ct)).EnumerateArray()
            .Single(i => i.GetProperty("number").GetString() == requestId);
        return (incident.GetProperty("id").GetGuid(), requestId);
    }

    private async Task<(Guid IncidentId, string RequestId)> ReportAndHandOverAsync(string description)
    {
        var (incidentId, requestId) = await ReportAsync(description);
        using var centre = Client(cluster.Topology["grid"].Http, await cluster.CentreTokenAsync());
        await PostAsync(centre, $"/api/grid/incidents/{incidentId}/register", new { });
        await PostAsync(centre, $"/api/grid/incidents/{incidentId}/hand-over", new { note = "移交人民调解" });
        return (incidentId, requestId);
    }

    private async Task<Guid> CaseIdOf(Guid incident)
    {
        await using var connection = new Npgsql.NpgsqlConnection(cluster.Topology.DatabaseOf("mediation"));
        await connection.OpenAsync(Ct);
        await using var command = new Npgsql.NpgsqlCommand("SELECT \"Id\" FROM cases WHERE \"SourceReference\" = @r", connection);
        command.Parameters.AddWithValue("r", incident.ToString());
        return (Guid)(await command.ExecuteScalarAsync(Ct))!;
    }

    private Task<long> CasesOf(params Guid[] incidents) => cluster.CountAsync("mediation",
        "SELECT count(*) FROM cases WHERE \"SourceReference\" = ANY(@refs)", ("refs", incidents.Select(i => i.ToString()).ToArray()));

    private static async Task<List<string>> Timeline(HttpClient centre, Guid incidentId) =>
        [.. (await centre.GetFromJsonAsync<JsonElement>($"/api/grid/incidents/{incidentId}/timeline", Ct)).EnumerateArray().Select(s => s.GetProperty("action").GetString()!)];

    private async Task PostAlarmAsync(string camera, string eventId, string kind, HttpStatusCode expected)
    {
        using var box = Client(cluster.Topology["video-alert"].Http);
        box.DefaultRequestHeaders.Add("X-Api-Key", cluster.WebhookKey);
        var response = await box.PostAsJsonAsync("/api/videoalert/webhook/alarms", new
        {
            cameraId = camera, eventId, kind, priority = 1, occurredAt = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)), description = "AI识别",
        }, Ct);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
    }

    private async Task<Guid> AlertIdOf(string camera, string kind)
    {
        await using var connection = new Npgsql.NpgsqlConnection(cluster.Topology.DatabaseOf("video-alert"));
        await connection.OpenAsync(Ct);
        await using var command = new Npgsql.NpgsqlCommand("SELECT \"Id\" FROM alerts WHERE \"CameraId\" = @c AND \"Kind\" = @k", connection);
        command.Parameters.AddWithValue("c", camera);
        command.Parameters.AddWithValue("k", kind);
        return (Guid)(await command.ExecuteScalarAsync(Ct))!;
    }

    private async Task<string?> RouteTargetOf(string camera, string kind)
    {
        await using var connection = new Npgsql.NpgsqlConnection(cluster.Topology.DatabaseOf("video-alert"));
        await connection.OpenAsync(Ct);
        await using var command = new Npgsql.NpgsqlCommand("SELECT \"RouteTarget\" FROM alerts WHERE \"CameraId\" = @c AND \"Kind\" = @k", connection);
        command.Parameters.AddWithValue("c", camera);
        command.Parameters.AddWithValue("k", kind);
        return await command.ExecuteScalarAsync(Ct) as string;
    }
}
