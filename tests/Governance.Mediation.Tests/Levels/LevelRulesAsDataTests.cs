using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Contracts.Mediation.V1;
using Governance.Mediation.Levels;
using Governance.Mediation.Tests.Grpc;
using Governance.Mediation.Tests.Infrastructure;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Versioning;
using Microsoft.EntityFrameworkCore;
using static Governance.Mediation.Tests.Cases.CaseTestKit;

namespace Governance.Mediation.Tests.Levels;

/// <summary>
/// Level rules and level deadlines as versioned data: listed to staff over REST and gRPC, changed by
/// the county's admin (rules.manage) now or from a later time, a new version each time, and a case
/// already placed keeping its level deadline.
/// </summary>
public sealed class LevelRulesAsDataTests : IAsyncLifetime
{
    private MediationHost _host = null!;
    private HttpClient _admin = null!, _window = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await MediationHost.StartAsync();
        _admin = _host.ClientWithPosts("admin-1", MediationHost.County, new Post("admin", OrgPath.Parse(MediationHost.County)));
        _window = _host.ClientWithPosts("w-1", MediationHost.Community, new Post("centre_operator", OrgPath.Parse(MediationHost.Community)));
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private DateTime Now => _host.Clock.GetUtcNow().UtcDateTime;

    private async Task<JsonObject> RulesAsync() => (await _window.GetFromJsonAsync<JsonObject>("/api/mediation/rules", Ct))!;

    private static JsonObject Change(JsonObject current, Action<JsonObject> edit, DateTime? effectiveFrom = null)
    {
        var rules = current["rules"]!.DeepClone().AsObject();
        edit(rules);
        var change = new JsonObject
        {
            ["baseVersion"] = current["version"]!["version"]!.GetValue<int>(), ["note"] = "县综治中心会议调整",
            ["levelRules"] = rules["levelRules"]!.DeepClone(), ["scaleThreshold"] = rules["scaleThreshold"]!.DeepClone(),
            ["levelDeadlines"] = rules["levelDeadlines"]!.DeepClone(),
        };
        if (effectiveFrom is { } at) change["effectiveFrom"] = at.ToString("O");
        return change;
    }

    private static void SetDays(JsonObject rules, string level, int days) =>
        rules["levelDeadlines"]!.AsArray().Single(d => d!["level"]!.GetValue<string>() == level)!["days"] = days;

    private async Task<(HttpStatusCode, JsonElement)> PutAsync(HttpClient client, JsonObject change)
    {
        var response = await client.PutAsJsonAsync("/api/mediation/rules", change, Ct);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
    }

    [Fact]
    public async Task A_change_gives_new_cases_the_new_deadline_and_leaves_a_placed_case_alone()
    {
        var before = await RegisterAsync(_window, Request(MediationHost.Grid1));                 // ordinary → grid, 3 days
        Assert.Equal(("grid", TimeSpan.FromDays(3)), (before.Level, before.LevelDueAt!.Value - before.CreatedAt));

        var (status, body) = await PutAsync(_admin, Change(await RulesAsync(), r => SetDays(r, "grid", 5)));
        Assert.True(status == HttpStatusCode.Created, body.ToString());
        Assert.Equal((2, "admin-1", "level deadlines grid 5 d, community 10 d, street 15 d, county 30 d"), (body.GetProperty("version").GetProperty("version").GetInt32(),
            body.GetProperty("version").GetProperty("createdBy").GetString(), body.GetProperty("version").GetProperty("summary").GetString()));

        var after = await RegisterAsync(_window, Request(MediationHost.Grid1));
        Assert.Equal(TimeSpan.FromDays(5), after.LevelDueAt!.Value - after.CreatedAt);
        var kept = await _host.QueryAsync(db => db.Cases.Where(c => c.Id == before.Id).Select(c => c.LevelDueAt).SingleAsync(Ct));
        Assert.Equal(before.LevelDueAt.Value, kept!.Value, TimeSpan.FromMilliseconds(1));   // PostgreSQL keeps microseconds
        var versions = await _window.GetFromJsonAsync<List<DocumentVersionView>>("/api/mediation/rules/versions", Ct);
        Assert.Equal([2, 1], versions!.Select(v => v.Version));
        var v1 = await _window.GetFromJsonAsync<JsonObject>("/api/mediation/rules/versions/1", Ct);
        Assert.Equal(3, v1!["rules"]!["levelDeadlines"]![0]!["days"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_starting_level_change_for_later_applies_from_then_and_grpc_lists_it()
    {
        var from = Now.AddDays(1);
        var (status, body) = await PutAsync(_admin, Change(await RulesAsync(), r =>
            r["levelRules"]!.AsArray().Single(x => x!["risk"]!.GetValue<string>() == "ordinary" && x["category"] is null)!["level"] = "community", from));
        Assert.True(status == HttpStatusCode.Created, body.ToString());
        Assert.Equal("grid", (await RegisterAsync(_window, Request(MediationHost.Grid1))).Level);

        using var grpc = new MediationGrpc(_host);
        var token = _host.Issuer.TokenFor("w-1", MediationHost.Community, ["centre_operator"]);
        var listed = await grpc.Client.ListLevelRulesAsync(new ListLevelRulesRequest(), grpc.As(token));
        Assert.Equal((1, "grid"), (listed.Version, listed.LevelRules.Single(r => r.Risk == "ordinary" && r.Category == "").Level));
        var later = await grpc.Client.ListLevelRulesAsync(new ListLevelRulesRequest { At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(from.AddMinutes(1)) }, grpc.As(token));
        Assert.Equal((2, "community", 5, "100000"), (later.Version, later.LevelRules.Single(r => r.Risk == "ordinary" && r.Category == "").Level,
            later.ScalePeopleInvolved, later.ScaleAmount));

        _host.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        Assert.Equal("community", (await RegisterAsync(_window, Request(MediationHost.Grid1))).Level);
    }

    [Fact]
    public async Task A_stale_change_is_refused_and_only_rules_manage_at_the_county_changes_rules()
    {
        var read = await RulesAsync();
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(_admin, Change(read, r => SetDays(r, "street", 20)))).Item1);
        var (stale, problem) = await PutAsync(_admin, Change(read, r => SetDays(r, "street", 25)));
        Assert.Equal((HttpStatusCode.Conflict, "RulesChangedMeanwhile"), (stale, problem.GetProperty("rule").GetString()));

        var current = await RulesAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(_window, Change(current, _ => { }))).Item1);
        var streetAdmin = _host.ClientAs("admin-2", MediationHost.Street, "admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(streetAdmin, Change(current, _ => { }))).Item1);
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.ClientAs("care-1", MediationHost.Community, "care_worker").GetAsync("/api/mediation/rules", Ct)).StatusCode);
        Assert.Equal(2, await _host.QueryAsync(db => db.Set<LevelRulesVersion>().CountAsync(Ct)));
    }

    [Theory]
    [InlineData("days", "levelDeadlines[0].days")]
    [InlineData("level", "levelRules[0].level")]
    [InlineData("category", "levelRules[3].category")]
    [InlineData("no catch-all", "levelRules")]
    [InlineData("people", "scaleThreshold.peopleInvolved")]
    [InlineData("past", "effectiveFrom")]
    public async Task A_faulty_change_is_refused_naming_the_field(string fault, string field)
    {
        var change = Change(await RulesAsync(), r =>
        {
            var rules = r["levelRules"]!.AsArray();
            switch (fault)
            {
                case "days": r["levelDeadlines"]![0]!["days"] = 0; break;
                case "level": rules[0]!["level"] = "province"; break;
                case "category": rules[3]!["category"] = "gossip"; break;
                case "no catch-all": rules.RemoveAt(0); break;
                case "people": r["scaleThreshold"]!["peopleInvolved"] = 1; break;
            }
        }, fault == "past" ? Now.AddHours(-2) : null);
        var (status, problem) = await PutAsync(_admin, change);
        Assert.True(status == HttpStatusCode.BadRequest, problem.ToString());
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, await _host.QueryAsync(db => db.Set<LevelRulesVersion>().CountAsync(Ct)));
    }
}
