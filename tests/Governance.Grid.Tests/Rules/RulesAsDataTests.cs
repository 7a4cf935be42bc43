using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Grid.Incidents.Categories;
using Governance.Grid.Rules;
using Governance.Grid.Tests.Incidents;
using Governance.Grid.Tests.Infrastructure;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Versioning;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Grid.Tests.Infrastructure.GridHost;

namespace Governance.Grid.Tests.Rules;

/// <summary>
/// Categories, step deadlines and escalation rules as versioned data: listed to staff, changed by the
/// centre's admin (rules.manage) now or from a later time, each change a new version with who, when
/// and why, and never moving a deadline already running.
/// </summary>
public sealed class RulesAsDataTests : IAsyncLifetime
{
    private GridHost _host = null!;
    private HttpClient _admin = null!, _worker = null!, _operator = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await GridHost.StartAsync();
        // Long-lived tokens: these tests move the clock days ahead.
        _admin = _host.ClientWithPosts("admin-1", "632801", new Post("admin", OrgPath.Parse("632801")));
        _worker = _host.ClientWithPosts("worker-1", Grid1, new Post("grid_worker", OrgPath.Parse(Grid1)));
        _operator = _host.ClientWithPosts("operator-1", Street, new Post("centre_operator", OrgPath.Parse(Street)));
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private DateTime Now => _host.Clock.GetUtcNow().UtcDateTime;

    // The step's clock starts when the report is saved, a moment after it was received.
    private static double Minutes(Grid.Incidents.IncidentView incident) => Math.Round((incident.StepDueAt!.Value - incident.ReportedAt).TotalMinutes);

    [Fact]
    public async Task Staff_list_the_categories_in_effect_and_a_role_without_rules_read_is_refused()
    {
        var listed = await _worker.GetFromJsonAsync<JsonElement>("/api/grid/categories", Ct);
        Assert.Equal(1, listed.GetProperty("version").GetInt32());
        var categories = listed.GetProperty("categories").EnumerateArray().ToList();
        Assert.Equal(CategoryCatalog.Defaults.Select(d => d.Code), categories.Select(c => c.GetProperty("code").GetString()));
        Assert.All(categories, c => Assert.Equal(15, c.GetProperty("deadlines").GetArrayLength()));

        var careWorker = _host.ClientAs("care-1", Community, "care_worker");
        Assert.Equal(HttpStatusCode.Forbidden, (await careWorker.GetAsync("/api/grid/categories", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await careWorker.GetAsync("/api/grid/rules", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_change_makes_a_new_version_used_by_new_steps_while_a_running_step_keeps_its_deadline()
    {
        var before = await _worker.ReportAsync();                         // city_appearance, normal: register within 30 min
        Assert.Equal(30, Minutes(before));

        var (status, body) = await _admin.PutRulesAsync(RulesClient.Change(await _admin.RulesAsync(),
            r => r.Category("city_appearance").SetMinutes("normal", "register", 45), note: "立案时限放宽到45分钟"));
        Assert.True(status == HttpStatusCode.Created, body.ToString());
        Assert.Equal((2, "admin-1", "categories changed: city_appearance"), (body.GetProperty("version").GetProperty("version").GetInt32(),
            body.GetProperty("version").GetProperty("createdBy").GetString(), body.GetProperty("version").GetProperty("summary").GetString()));

        var after = await _worker.ReportAsync();
        Assert.Equal(45, Minutes(after));
        var kept = await _host.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => i.Id == before.Id, Ct));
        Assert.Equal(before.StepDueAt!.Value, kept.StepDueAt!.Value, TimeSpan.FromMilliseconds(1));   // PostgreSQL keeps microseconds
        Assert.Equal(1, kept.RulesVersion);
        Assert.Equal(2, await _host.QueryAsync(db => db.Incidents.Where(i => i.Id == after.Id).Select(i => i.RulesVersion).SingleAsync(Ct)));

        // Version 1 is kept as it was; the change log says who changed what.
        var v1 = await _worker.GetFromJsonAsync<JsonObject>("/api/grid/rules/versions/1", Ct);
        Assert.Equal(30, v1!["rules"]!.AsObject().Category("city_appearance")["deadlines"]![0]!["minutes"]!.GetValue<int>());
        var versions = await _worker.GetFromJsonAsync<List<DocumentVersionView>>("/api/grid/rules/versions", Ct);
        Assert.Equal([2, 1], versions!.Select(v => v.Version));
        var change = Assert.Single(await _worker.GetFromJsonAsync<List<RulesApi.ChangeView>>("/api/grid/rules/changes", Ct) ?? []);
        Assert.Equal(("admin-1", "rules v2"), (change.Actor, change.Subject));
        Assert.Contains("立案时限放宽到45分钟", change.Summary);
        // The tables the other features read follow at once.
        Assert.Equal(45, await _host.QueryAsync(db => db.CategoryDeadlines
            .Where(d => d.Category == "city_appearance" && d.Step == "register" && d.Urgency == Grid.Incidents.Urgency.Normal).Select(d => d.Minutes).SingleAsync(Ct)));
    }

    [Fact]
    public async Task A_change_for_a_later_time_applies_only_from_then()
    {
        var from = Now.AddDays(2);
        var (status, body) = await _admin.PutRulesAsync(RulesClient.Change(await _admin.RulesAsync(), r =>
        {
            r.Category("street_order").SetMinutes("normal", "register", 90);
            r.Category("market")["offeredToCitizens"] = false;
        }, effectiveFrom: from));
        Assert.True(status == HttpStatusCode.Created, body.ToString());

        var early = await _worker.ReportAsync(IncidentClient.Report("street_order"));
        Assert.Equal(30, Minutes(early));
        Assert.Equal(1, (await _worker.GetFromJsonAsync<JsonElement>("/api/grid/categories", Ct)).GetProperty("version").GetInt32());
        Assert.Equal(2, (await _worker.GetFromJsonAsync<JsonElement>($"/api/grid/categories?at={Uri.EscapeDataString(from.AddMinutes(1).ToString("O"))}", Ct))
            .GetProperty("version").GetInt32());

        _host.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        var late = await _worker.ReportAsync(IncidentClient.Report("street_order"));
        Assert.Equal(90, Minutes(late));
        // The scan brings the tables Open311 reads to the version now in effect.
        Assert.True(await _host.QueryAsync(db => db.Categories.Where(c => c.Code == "market").Select(c => c.OfferedToCitizens).SingleAsync(Ct)));
        await using (var scope = _host.Services.CreateAsyncScope())
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<RulesProjection>().ScanAsync(Ct));
        Assert.False(await _host.QueryAsync(db => db.Categories.Where(c => c.Code == "market").Select(c => c.OfferedToCitizens).SingleAsync(Ct)));
    }

    [Fact]
    public async Task A_change_built_on_an_old_version_is_refused_and_writes_nothing()
    {
        var read = await _admin.RulesAsync();
        var (first, _) = await _admin.PutRulesAsync(RulesClient.Change(read, r => r.Category("dispute").SetMinutes("normal", "dispatch", 20)));
        Assert.Equal(HttpStatusCode.Created, first);
        var (second, problem) = await _admin.PutRulesAsync(RulesClient.Change(read, r => r.Category("dispute").SetMinutes("normal", "dispatch", 25)));
        Assert.Equal(HttpStatusCode.Conflict, second);
        Assert.Equal("RulesChangedMeanwhile", problem.GetProperty("rule").GetString());
        Assert.Equal(2, await _host.QueryAsync(db => db.Set<RuleSetVersion>().CountAsync(Ct)));
    }

    public static TheoryData<string, string> Faults => new()
    {
        { "minutes", "categories[0].deadlines[0].minutes" },
        { "urgency", "categories[1].deadlines[2].urgency" },
        { "missing deadline", "categories[0].deadlines" },
        { "removed category", "categories" },
        { "bad code", "categories[9].code" },
        { "unknown escalation category", "escalationRules[0].category" },
        { "past", "effectiveFrom" },
        { "no note", "note" },
        { "no base", "baseVersion" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_faulty_change_is_refused_naming_the_field(string fault, string field)
    {
        var current = await _admin.RulesAsync();
        var change = RulesClient.Change(current, r =>
        {
            var categories = r["categories"]!.AsArray();
            switch (fault)
            {
                case "minutes": categories[0]!["deadlines"]![0]!["minutes"] = 0; break;
                case "urgency": categories[1]!["deadlines"]![2]!["urgency"] = "whenever"; break;
                case "missing deadline": categories[0]!["deadlines"]!.AsArray().RemoveAt(3); break;
                case "removed category": categories.RemoveAt(8); break;
                case "bad code": categories.Add(new JsonObject { ["code"] = "Bad Code", ["name"] = "x", ["owningDepartmentKind"] = "X", ["deadlines"] = new JsonArray() }); break;
                case "unknown escalation category": r["escalationRules"]![0]!["category"] = "no_such_category"; break;
            }
        }, effectiveFrom: fault == "past" ? Now.AddHours(-1) : null);
        if (fault == "no note") change["note"] = " ";
        if (fault == "no base") change.Remove("baseVersion");
        var (status, problem) = await _admin.PutRulesAsync(change);
        Assert.True(status == HttpStatusCode.BadRequest, problem.ToString());
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, await _host.QueryAsync(db => db.Set<RuleSetVersion>().CountAsync(Ct)));
    }

    [Fact]
    public async Task Only_rules_manage_changes_the_rules()
    {
        var (status, _) = await _operator.PutRulesAsync(RulesClient.Change(await _operator.RulesAsync(), _ => { }));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        // An admin of one street only does not hold the county's rules.
        var streetAdmin = _host.ClientAs("admin-2", Street, "admin");
        (status, _) = await streetAdmin.PutRulesAsync(RulesClient.Change(await _admin.RulesAsync(), _ => { }));
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }
}
