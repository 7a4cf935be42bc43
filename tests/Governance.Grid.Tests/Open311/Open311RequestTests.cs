using System.Net;
using System.Net.Http.Json;
using Governance.Grid.Incidents;
using Governance.Grid.Tests.Incidents;
using Governance.Grid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Governance.Grid.Tests.Infrastructure.GridHost;

namespace Governance.Grid.Tests.Open311;

public sealed class Open311RequestTests : IAsyncLifetime
{
    private GridHost _host = null!;
    private HttpClient _app = null!, _operator = null!, _handler = null!, _leader = null!;
    private string _key = "";

    public async ValueTask InitializeAsync()
    {
        _host = await GridHost.StartAsync(Open311Calls.Unthrottled);
        _key = await _host.CreateKeyAsync();
        _app = _host.Anonymous();
        _operator = _host.ClientAs("operator-1", Street, "centre_operator");
        _handler = _host.ClientAs("handler-1", "632801", "department_handler", Department);
        _leader = _host.ClientAs("leader-1", Grid1, "grid_leader");
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task A_posted_request_becomes_a_citizen_incident_staff_see_and_keeps_no_contact_details(string format)
    {
        var answer = await _app.PostAsync(format, Open311Calls.Report(_key));
        Assert.Equal(HttpStatusCode.Created, answer.Status);
        var posted = answer.Single;
        Assert.Matches(@"^\d{8}-000001$", posted["service_request_id"]);
        Assert.Equal("app-user-42", posted["account_id"]);
        Assert.Contains("Email, names and phone are not stored", posted["service_notice"]);

        var staffView = (await _operator.GetFromJsonAsync<List<IncidentView>>("/api/grid/incidents", Ct))!.Single();
        Assert.Equal((posted["service_request_id"], "citizen", "city_appearance", "reported", Grid1), (staffView.Number, staffView.Source, staffView.Category, staffView.State, staffView.OrgPath));
        Assert.Equal(("人行道上的井盖不见了", "昆仑路12号"), (staffView.Description, staffView.Address));

        var stored = await _host.QueryAsync(db => db.Incidents.SingleAsync(Ct));
        Assert.StartsWith("open311:", stored.ReportedBy);
        Assert.EndsWith(":account:app-user-42", stored.ReportedBy);
        var everything = await _host.QueryAsync(async db => string.Join("|", await db.IncidentSteps.Select(s => s.Actor + s.Note + s.Attachments).ToListAsync(Ct))
            + System.Text.Json.JsonSerializer.Serialize(await db.Incidents.ToListAsync(Ct)));
        Assert.DoesNotContain("someone@example.com", everything);
        Assert.DoesNotContain("13800000000", everything);
        Assert.DoesNotContain("张", everything);
    }

    [Fact]
    public async Task A_request_reads_back_by_id_in_both_formats_with_public_fields_only()
    {
        var id = await _app.ReportAsync(_key);
        foreach (var format in new[] { "json", "xml" })
        {
            var request = (await _app.GetAnswerAsync($"requests/{id}.{format}", format)).Single;
            Assert.Equal((id, "open", "reported", "city_appearance", "市容环境"), (request["service_request_id"], request["status"], request["status_description"], request["service_code"], request["service_name"]));
            Assert.Equal(("36.405", "94.905", "昆仑路12号", "https://files.example/well.jpg"), (request["lat"], request["long"], request["address"], request["media_url"]));
            Assert.Equal("金峰社区", request["agency_responsible"]); // the community's centre until a department takes it
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$", request["requested_datetime"]);
            Assert.DoesNotContain("open311:", request.Values.Where(v => v is not null)!);
            Assert.DoesNotContain("account_id", request.Keys);
        }
        var token = (await _app.GetAnswerAsync($"tokens/{id}.json", "json")).Single;
        Assert.Equal((id, id), (token["service_request_id"], token["token"]));
    }

    [Fact]
    public async Task Status_follows_the_loop_open_while_registered_and_dispatched_closed_when_closed()
    {
        var id = await _app.ReportAsync(_key);
        var incident = await _host.QueryAsync(db => db.Incidents.SingleAsync(Ct));
        await _operator.StepAsync(incident.Id, "register", new { note = "内部备注：属实" });
        Assert.Equal(("open", "registered"), await StatusAsync(id));
        await _operator.StepAsync(incident.Id, "dispatch", new { departmentId = Department });
        var dispatched = (await _app.GetAnswerAsync($"requests/{id}.xml", "xml")).Single;
        Assert.Equal(("open", "dispatched", Department), (dispatched["status"], dispatched["status_description"], dispatched["agency_responsible"]));
        await _handler.StepAsync(incident.Id, "accept", new { });
        await _handler.StepAsync(incident.Id, "feedback", new { note = "已补装井盖" });
        await _leader.StepAsync(incident.Id, "verify", new { passed = true });
        Assert.Equal(("open", "verified"), await StatusAsync(id));
        await _operator.StepAsync(incident.Id, "close", new { });
        Assert.Equal(("closed", "closed"), await StatusAsync(id));
        var body = (await _app.GetAnswerAsync($"requests/{id}.json", "json")).Body;
        Assert.DoesNotContain("内部备注", body);
        Assert.DoesNotContain("已补装井盖", body);
    }

    [Fact]
    public async Task A_merged_request_shows_the_surviving_incidents_state()
    {
        var first = await _app.ReportAsync(_key);
        var second = await _app.ReportAsync(_key, "xml", lat: 36.4051, lng: 94.9051);
        var ids = await _host.QueryAsync(db => db.Incidents.OrderBy(i => i.Number).Select(i => i.Id).ToListAsync(Ct));
        await _operator.StepAsync(ids[0], "register", new { });
        await _operator.StepAsync(ids[1], "merge", new { into = ids[0] });

        var merged = (await _app.GetAnswerAsync($"requests/{second}.json", "json")).Single;
        Assert.Equal(("open", "registered", $"merged into {first}"), (merged["status"], merged["status_description"], merged["status_notes"]));
        Assert.Equal(("36.405", "94.905"), (merged["lat"], merged["long"])); // where this reporter said, to about 100 m
    }

    [Fact]
    public async Task Get_requests_filters_by_ids_status_service_and_dates_within_90_days()
    {
        var old = await _app.ReportAsync(_key);
        _host.Clock.Advance(TimeSpan.FromDays(10));
        var recent = await _app.ReportAsync(_key, lat: 36.405, lng: 94.915);
        var closedOne = await _host.QueryAsync(db => db.Incidents.SingleAsync(i => i.Number == old, Ct));
        await _operator.StepAsync(closedOne.Id, "reject", new { reason = "重复" });

        Assert.Equal([recent, old], await IdsAsync("requests.json"));
        Assert.Equal([recent], await IdsAsync("requests.xml?status=open", "xml"));
        Assert.Equal([old], await IdsAsync("requests.json?status=closed"));
        Assert.Equal([recent, old], await IdsAsync("requests.json?status=open,closed&service_code=city_appearance"));
        Assert.Empty(await IdsAsync("requests.json?service_code=environment"));
        var since = Uri.EscapeDataString(_host.Clock.GetUtcNow().AddDays(-5).ToString("yyyy-MM-dd'T'HH:mm:sszzz"));
        Assert.Equal([recent], await IdsAsync($"requests.json?start_date={since}"));
        Assert.Equal([old], await IdsAsync($"requests.json?end_date={since}"));
        // Ids override every other filter; unknown ids are simply not there.
        Assert.Equal([recent, old], await IdsAsync($"requests.json?service_request_id={old},{recent},20200101-000001&status=closed&service_code=environment"));
        Assert.Equal("The centre did not take this report up.", (await _app.GetAnswerAsync($"requests/{old}.json", "json")).Single["status_notes"]);
        // Staff's own reports are not published.
        await _host.ClientAs("worker-1", Grid1, "grid_worker").ReportAsync();
        Assert.Equal(2, (await IdsAsync("requests.json")).Count);
    }

    [Fact]
    public async Task A_disabled_key_or_one_for_another_jurisdiction_is_refused()
    {
        var elsewhere = await _host.CreateKeyAsync(OtherCommunity);
        var outside = await _app.PostAsync("json", Open311Calls.Report(elsewhere));
        Assert.Equal(HttpStatusCode.Forbidden, outside.Status);
        Assert.Contains($"仅服务于 {OtherCommunity}", outside.Single["description"]);

        var admin = _host.ClientAs("admin-1", "632801", "admin");
        await admin.PostAsync($"/api/grid/open311/clients/{_key[..16]}/disable", null, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.PostAsync("xml", Open311Calls.Report(_key))).Status);
        var worker = _host.ClientAs("worker-1", Grid1, "grid_worker");
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostAsJsonAsync("/api/grid/open311/clients", new { name = "x" }, Ct)).StatusCode);
    }

    private async Task<(string?, string?)> StatusAsync(string id)
    {
        var request = (await _app.GetAnswerAsync($"requests/{id}.json", "json")).Single;
        return (request["status"], request["status_description"]);
    }

    private async Task<List<string?>> IdsAsync(string path, string format = "json")
    {
        var answer = await _app.GetAnswerAsync(path, format);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
        return answer.Items.Select(i => i["service_request_id"]).ToList();
    }
}
