using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Assessment.Letters;
using Governance.Assessment.Scores;
using Governance.Assessment.Tests.Infrastructure;
using Governance.Assessment.Tests.Scores;

namespace Governance.Assessment.Tests.Letters;

/// <summary>One host: two departments in two streets, letters made, signed and versioned; bad input; who may see what.</summary>
public sealed class LetterFixture : IAsyncLifetime
{
    public AssessmentHost Host { get; private set; } = null!;
    public Guid Own { get; } = Guid.NewGuid();
    public Guid Other { get; } = Guid.NewGuid();
    public Guid Spare { get; } = Guid.NewGuid();

    public async ValueTask InitializeAsync()
    {
        Host = await AssessmentHost.StartAsync();
        await Host.AddDepartmentAsync(Own, "sfj", "司法局", Host.Org("001"));
        await Host.AddDepartmentAsync(Other, "scj", "市场监管局", Host.Org("002"));
        await Host.AddDepartmentAsync(Spare, "mzj", "民政局", Host.Org("002"));
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

public sealed class LetterTests(LetterFixture fixture) : IClassFixture<LetterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AssessmentHost Host => fixture.Host;
    private HttpClient Assessor() => Host.ClientAs("assessor-county", Host.County, "assessor");
    private string County => Host.County;

    private async Task<LetterBook.LetterView> CreateSignedAsync(Guid department)
    {
        using var assessor = Assessor();
        using var created = await assessor.PostAsJsonAsync("/api/assessment/letters",
            new { departmentId = department.ToString(), year = 2026, items = KnownHistory.Letter }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var letter = (await created.Content.ReadFromJsonAsync<LetterBook.LetterView>(Ct))!;
        using var signed = await assessor.PostAsync($"/api/assessment/letters/{letter.Id}/versions/1/sign", null, Ct);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        return (await signed.Content.ReadFromJsonAsync<LetterBook.LetterView>(Ct))!;
    }

    [Fact]
    public async Task A_signed_version_never_changes_and_a_change_is_a_new_version_in_force_once_signed()
    {
        var letter = await CreateSignedAsync(fixture.Own);
        Assert.Equal(1, letter.InForce);
        Assert.Equal("assessor-county", letter.Versions[0].SignedBy);
        using var assessor = Assessor();

        var changed = KnownHistory.Letter.Take(2).ToArray();
        using var refused = await assessor.PutAsJsonAsync($"/api/assessment/letters/{letter.Id}/versions/1", new { items = changed }, Ct);
        var problem = await ProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.Equal("SignedLetterVersionIsFinal", problem.GetProperty("rule").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("items", out _), problem.ToString());
        using var signedAgain = await assessor.PostAsync($"/api/assessment/letters/{letter.Id}/versions/1/sign", null, Ct);
        Assert.True((await ProblemAsync(signedAgain, HttpStatusCode.Conflict)).GetProperty("errors").TryGetProperty("version", out _));

        // A new version built on the latest; a stale base is refused; the draft is not in force until signed.
        using var stale = await assessor.PostAsJsonAsync($"/api/assessment/letters/{letter.Id}/versions", new { baseVersion = 0, items = changed }, Ct);
        Assert.Equal("LetterChangedMeanwhile", (await ProblemAsync(stale, HttpStatusCode.Conflict)).GetProperty("rule").GetString());
        using var drafted = await assessor.PostAsJsonAsync($"/api/assessment/letters/{letter.Id}/versions", new { baseVersion = 1, note = "两项", items = changed }, Ct);
        Assert.Equal(HttpStatusCode.OK, drafted.StatusCode);
        using var another = await assessor.PostAsJsonAsync($"/api/assessment/letters/{letter.Id}/versions", new { baseVersion = 2, items = changed }, Ct);
        Assert.Equal("LetterDraftOpen", (await ProblemAsync(another, HttpStatusCode.Conflict)).GetProperty("rule").GetString());
        var card = await Host.GetAsync<Scorecards.Scorecard>(assessor, $"/api/assessment/scorecard?department={fixture.Own}&period=2026-11");
        Assert.Equal((1, 8), (card.Letter.Version, card.Items.Count));
        // Nothing happened in the department: rates with nothing to count earn their weight, the deduction keeps it, no bonus.
        Assert.Equal(100m, card.Total);
        Assert.All(card.Items.Where(i => i.Rule is "linear" or "threshold"), i => Assert.True(i.NoRecords));

        using var signed = await assessor.PostAsync($"/api/assessment/letters/{letter.Id}/versions/2/sign", null, Ct);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        card = await Host.GetAsync<Scorecards.Scorecard>(assessor, $"/api/assessment/scorecard?department={fixture.Own}&period=2026-11");
        Assert.Equal((2, 2, 40m), (card.Letter.Version, card.Items.Count, card.Total));
        var read = await Host.GetAsync<LetterBook.LetterView>(assessor, $"/api/assessment/letters/{letter.Id}");
        Assert.Equal([1, 2], read.Versions.Select(v => v.Version));
        Assert.Equal(8, read.Versions[0].Items.Count);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_400_naming_the_field()
    {
        using var assessor = Assessor();
        await FieldAsync(await assessor.PostAsJsonAsync("/api/assessment/letters", new { departmentId = Guid.NewGuid().ToString(), year = 2026, items = KnownHistory.Letter }, Ct), "departmentId");
        await FieldAsync(await assessor.PostAsJsonAsync("/api/assessment/letters", new { departmentId = fixture.Other.ToString(), year = 1999, items = KnownHistory.Letter }, Ct), "year");
        await FieldAsync(await assessor.PostAsJsonAsync("/api/assessment/letters",
            new { departmentId = fixture.Other.ToString(), year = 2026, items = new[] { new { indicator = "no_such", weight = 10, rule = "linear", floor = 0, target = 1 } } }, Ct),
            "items[0].indicator");
        await FieldAsync(await assessor.PostAsJsonAsync("/api/assessment/letters",
            new { departmentId = fixture.Other.ToString(), year = 2026, items = new[] { new { indicator = "incident_on_time_rate", weight = 10, rule = "linear", floor = 0.5, target = 1.5 } } }, Ct),
            "items[0].target");
        await FieldAsync(await assessor.PostAsJsonAsync("/api/assessment/letters",
            new { departmentId = fixture.Other.ToString(), year = 2026, items = new[] { new { indicator = "incident_on_time_rate", weight = 10, rule = "sometimes" } } }, Ct),
            "items[0].rule");
        await FieldAsync(await assessor.PostAsJsonAsync("/api/assessment/letters",
            new { departmentId = fixture.Other.ToString(), year = 2026, items = new[]
            {
                new { indicator = "incident_on_time_rate", weight = 60, rule = "threshold", target = 0.9 },
                new { indicator = "incident_rework_rate", weight = 60, rule = "threshold", target = 0.1 },
            } }, Ct), "items");
        await FieldAsync(await assessor.GetAsync($"/api/assessment/scorecard?department={fixture.Other}&period=2026-13", Ct), "period");
        await FieldAsync(await assessor.GetAsync("/api/assessment/scorecard?department=nobody&period=2026-11", Ct), "department");
        await FieldAsync(await assessor.GetAsync($"/api/assessment/rankings?org={County}&period=26", Ct), "period");
        await FieldAsync(await assessor.GetAsync("/api/assessment/rankings?org=not-a-path&period=2026", Ct), "org");
        await FieldAsync(await assessor.GetAsync($"/api/assessment/records?indicator=nope&period=2026&org={County}", Ct), "indicator");

        // Without a signed letter there is no scorecard to compute.
        using var none = await assessor.GetAsync($"/api/assessment/scorecard?department={fixture.Spare}&period=2026-11", Ct);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task A_department_sees_only_its_own_assessment_and_an_assessor_only_within_their_org()
    {
        var own = await CreateSignedOnceAsync(fixture.Other);

        // A department handler of the department reads its scorecard, its records and its letter; not another department's.
        using var handler = Host.ClientAs("handler-1", Host.Org("002"), "department_handler", fixture.Other.ToString());
        await Host.GetAsync<Scorecards.Scorecard>(handler, $"/api/assessment/scorecard?department={fixture.Other}&period=2026-11");
        await Host.GetAsync<Scorecards.IndicatorRecords>(handler, $"/api/assessment/records?indicator=incident_on_time_rate&period=2026-11&department={fixture.Other}");
        await Host.GetAsync<LetterBook.LetterView>(handler, $"/api/assessment/letters/{own.Id}");
        await ForbiddenAsync(await handler.GetAsync($"/api/assessment/scorecard?department={fixture.Spare}&period=2026-11", Ct));
        await ForbiddenAsync(await handler.GetAsync($"/api/assessment/records?indicator=incident_on_time_rate&period=2026-11&department={fixture.Spare}", Ct));
        await ForbiddenAsync(await handler.GetAsync($"/api/assessment/rankings?org={County}&period=2026-11", Ct));
        await ForbiddenAsync(await handler.PostAsJsonAsync("/api/assessment/letters", new { departmentId = fixture.Spare.ToString(), year = 2027, items = KnownHistory.Letter }, Ct));

        // An assessor at one street reads its own street's departments, not another street's.
        using var streetAssessor = Host.ClientAs("assessor-street", Host.Org("001"), "assessor");
        await ForbiddenAsync(await streetAssessor.GetAsync($"/api/assessment/scorecard?department={fixture.Other}&period=2026-11", Ct));
        await ForbiddenAsync(await streetAssessor.GetAsync($"/api/assessment/letters/{own.Id}", Ct));
        await ForbiddenAsync(await streetAssessor.GetAsync($"/api/assessment/indicator-values?org={Host.Org("002")}&period=2026-11", Ct));
        var ranking = await Host.GetAsync<Scorecards.Ranking>(streetAssessor, $"/api/assessment/rankings?org={Host.Org("001")}&period=2026-11");
        Assert.DoesNotContain(ranking.Departments, d => d.DepartmentId == fixture.Other.ToString());
        var listed = await Host.GetAsync<List<LetterBook.LetterView>>(streetAssessor, "/api/assessment/letters?year=2026");
        Assert.DoesNotContain(listed, l => l.DepartmentId == fixture.Other.ToString());

        // A role without any assessment permission reads nothing.
        using var gridWorker = Host.ClientAs("gw-1", County, "grid_worker");
        await ForbiddenAsync(await gridWorker.GetAsync($"/api/assessment/scorecard?department={fixture.Other}&period=2026-11", Ct));
    }

    [Fact]
    public async Task The_indicator_library_is_data_and_keeps_the_indicators_letters_name()
    {
        await CreateSignedOnceAsync(fixture.Other);
        using var assessor = Assessor();
        var library = await Host.GetAsync<JsonElement>(assessor, "/api/assessment/indicators");
        var indicators = library.GetProperty("rules").GetProperty("indicators").EnumerateArray().ToList();
        Assert.Equal(Governance.Assessment.Indicators.IndicatorLibrary.Defaults().Indicators.Count, indicators.Count);

        using var admin = Host.ClientAs("admin-county", County, "admin");
        var kept = indicators.Where(i => i.GetProperty("code").GetString() != "alert_ack_on_time_rate")
            .Select(i => new { code = i.GetProperty("code").GetString()!, name = i.GetProperty("name").GetString()!, measure = i.GetProperty("measure").GetString()! }).ToList();
        var version = library.GetProperty("version").GetProperty("version").GetInt32();
        using var inUse = await admin.PutAsJsonAsync("/api/assessment/indicators", new { baseVersion = version, note = "drop alerts", indicators = kept }, Ct);
        Assert.Equal("IndicatorInUse", (await ProblemAsync(inUse, HttpStatusCode.Conflict)).GetProperty("rule").GetString());

        var renamed = kept.Append(new { code = "alert_ack_on_time_rate", name = "告警确认及时率", measure = "alert_ack_on_time" })
            .Append(new { code = "incident_on_time_rate_v2", name = "按时办结率（新）", measure = "incident_on_time" });
        using var changed = await admin.PutAsJsonAsync("/api/assessment/indicators", new { baseVersion = version, note = "rename, add", indicators = renamed }, Ct);
        Assert.Equal(HttpStatusCode.Created, changed.StatusCode);
        using var bad = await admin.PutAsJsonAsync("/api/assessment/indicators",
            new { baseVersion = version + 1, note = "bad", indicators = new[] { new { code = "x1", name = "x", measure = "unknown" } } }, Ct);
        await FieldAsync(bad, "indicators[0].measure");
        using var notTheirs = await assessor.PutAsJsonAsync("/api/assessment/indicators", new { baseVersion = version + 1, note = "no", indicators = renamed }, Ct);
        await ForbiddenAsync(notTheirs);
    }

    private async Task<LetterBook.LetterView> CreateSignedOnceAsync(Guid department)
    {
        using var assessor = Assessor();
        var existing = await Host.GetAsync<List<LetterBook.LetterView>>(assessor, "/api/assessment/letters?year=2026");
        return existing.FirstOrDefault(l => l.DepartmentId == department.ToString()) ?? await CreateSignedAsync(department);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task FieldAsync(HttpResponseMessage response, string field)
    {
        using (response)
        {
            var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected {field}: {problem}");
        }
    }

    private static async Task ForbiddenAsync(HttpResponseMessage response)
    {
        using (response) await ProblemAsync(response, HttpStatusCode.Forbidden);
    }
}
