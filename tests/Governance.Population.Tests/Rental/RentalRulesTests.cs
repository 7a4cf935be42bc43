using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.Population;
using Governance.Population.Rental;
using Governance.Population.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Population.Tests.Infrastructure.PopulationHost;
using static Governance.Population.Tests.Rental.Rentals;

namespace Governance.Population.Tests.Rental;

/// <summary>The rental grading rules as data: a new version regrades the rentals (now, or once it takes effect), managed at the county only.</summary>
public sealed class RentalRulesTests : IAsyncLifetime
{
    private PopulationHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await PopulationHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Centre(string org = County) => _host.ClientAs("centre-1", org, "centre_operator");

    /// <summary>The default rules with unsafe wiring made strict (before the catch-all hazard rule) and strict rentals inspected every 14 days.</summary>
    private static object WiringStrict(int baseVersion, DateTime? effectiveFrom = null)
    {
        var rules = RentalRules.Defaults();
        return new
        {
            baseVersion, effectiveFrom, note = "电气火灾多发，线路隐患从严",
            gradeRules = rules.GradeRules.Append(new GradeRule("wiring_unsafe", 55, ["wiring_unsafe"], null, null, "strict")),
            reinspectionDays = rules.ReinspectionDays.Select(d => d.Grade == "strict" ? d with { Days = 14 } : d),
        };
    }

    [Fact]
    public async Task A_rules_version_in_effect_at_once_regrades_the_rentals_with_the_new_reason_and_deadline()
    {
        var (rental, house, _) = await RentalAsync(_host);
        var (untouched, untouchedHouse, _) = await RentalAsync(_host);
        await InspectAsync(_host, rental, "wiring_unsafe");
        await InspectAsync(_host, untouched, "fire_exits_blocked");
        await _host.Events.WaitForAsync<RentalGradeChanged>(e => e.HouseId == untouchedHouse);

        using var changed = await Centre().PutAsJsonAsync("/api/population/rental-rules", WiringStrict(1), Ct);
        Assert.True(changed.StatusCode == HttpStatusCode.Created, await changed.Content.ReadAsStringAsync(Ct));
        var read = await _host.GridWorker().GetFromJsonAsync<JsonElement>($"/api/population/rentals/{rental}", Ct);
        Assert.Equal(("strict", "wiring_unsafe", 2), (read.GetProperty("grade").GetProperty("grade").GetString(),
            read.GetProperty("grade").GetProperty("rule").GetString(), read.GetProperty("grade").GetProperty("rulesVersion").GetInt32()));
        Assert.Equal(Today(_host).AddDays(14), DateOnly.Parse(read.GetProperty("reinspectBy").GetString()!));
        // The inspection keeps what it gave under version 1.
        Assert.Equal(("watched", 1), (read.GetProperty("lastInspection").GetProperty("grade").GetProperty("grade").GetString(),
            read.GetProperty("lastInspection").GetProperty("grade").GetProperty("rulesVersion").GetInt32()));
        var published = await _host.Events.WaitForAsync<RentalGradeChanged>(e => e.HouseId == house && e.Grade == "strict");
        Assert.Equal("watched", published.PreviousGrade);
        // Strict before and after: its deadline follows the new days, its grade is not published again.
        var other = await _host.GridWorker().GetFromJsonAsync<JsonElement>($"/api/population/rentals/{untouched}", Ct);
        Assert.Equal((2, Today(_host).AddDays(14)), (other.GetProperty("grade").GetProperty("rulesVersion").GetInt32(), DateOnly.Parse(other.GetProperty("reinspectBy").GetString()!)));
        Assert.Single(_host.Events.Seen<RentalGradeChanged>(e => e.HouseId == untouchedHouse));

        var versions = await Centre().GetFromJsonAsync<JsonElement[]>("/api/population/rental-rules/versions", Ct);
        Assert.NotNull(versions);
        Assert.Equal([2, 1], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal("centre-1", versions[0].GetProperty("createdBy").GetString());
    }

    [Fact]
    public async Task A_version_taking_effect_later_regrades_at_the_first_scan_after_and_a_second_scan_changes_nothing()
    {
        var (rental, house, _) = await RentalAsync(_host);
        await InspectAsync(_host, rental, "wiring_unsafe");
        using var changed = await Centre().PutAsJsonAsync("/api/population/rental-rules", WiringStrict(1, _host.Clock.GetUtcNow().UtcDateTime.AddDays(2)), Ct);
        Assert.Equal(HttpStatusCode.Created, changed.StatusCode);
        Assert.Equal(0, await ScanAsync());
        Assert.Equal("watched", (await _host.GridWorker().GetFromJsonAsync<JsonElement>($"/api/population/rentals/{rental}", Ct)).GetProperty("grade").GetProperty("grade").GetString());

        _host.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(1, await ScanAsync());
        Assert.Equal(0, await ScanAsync());
        var read = await _host.GridWorker().GetFromJsonAsync<JsonElement>($"/api/population/rentals/{rental}", Ct);
        Assert.Equal(("strict", 2), (read.GetProperty("grade").GetProperty("grade").GetString(), read.GetProperty("grade").GetProperty("rulesVersion").GetInt32()));
        // From the inspection's day, not the scan's.
        Assert.Equal(Today(_host).AddDays(-3).AddDays(14), DateOnly.Parse(read.GetProperty("reinspectBy").GetString()!));
        await _host.Events.WaitForAsync<RentalGradeChanged>(e => e.HouseId == house && e.Grade == "strict");
        Assert.Equal(["watched", "strict"], _host.Events.Seen<RentalGradeChanged>(e => e.HouseId == house).Select(e => e.Grade));
    }

    private async Task<int> ScanAsync()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RentalGrading>().ScanAsync(Ct);
    }

    [Fact]
    public async Task Only_the_county_centre_changes_the_rules_and_a_bad_document_is_refused_naming_its_field()
    {
        using var byWorker = await _host.GridWorker().PutAsJsonAsync("/api/population/rental-rules", WiringStrict(1), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, byWorker.StatusCode);
        using var byStreet = await Centre(Street).PutAsJsonAsync("/api/population/rental-rules", WiringStrict(1), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, byStreet.StatusCode);

        var defaults = RentalRules.Defaults();
        await AssertRefusedAsync(new { baseVersion = 1, note = "x", gradeRules = defaults.GradeRules.Where(r => r.Code != "no_findings"), reinspectionDays = defaults.ReinspectionDays }, "gradeRules");
        await AssertRefusedAsync(new { baseVersion = 1, note = "x", gradeRules = defaults.GradeRules.Append(new GradeRule("bad", 1, ["smoke"], null, null, "strict")), reinspectionDays = defaults.ReinspectionDays },
            $"gradeRules[{defaults.GradeRules.Count}].allOf");
        await AssertRefusedAsync(new { baseVersion = 1, note = "x", gradeRules = defaults.GradeRules.Append(new GradeRule("a_hazard", 1, null, 1, null, "strict")), reinspectionDays = defaults.ReinspectionDays },
            $"gradeRules[{defaults.GradeRules.Count}].code");
        await AssertRefusedAsync(new { baseVersion = 1, note = "x", gradeRules = defaults.GradeRules, reinspectionDays = defaults.ReinspectionDays.Take(3) }, "reinspectionDays");
        await AssertRefusedAsync(new { baseVersion = 1, note = "x", gradeRules = defaults.GradeRules, reinspectionDays = defaults.ReinspectionDays.Select(d => d with { Days = 0 }) }, "reinspectionDays[0].days");
        await AssertRefusedAsync(new { baseVersion = 1, gradeRules = defaults.GradeRules, reinspectionDays = defaults.ReinspectionDays }, "note");

        using var first = await Centre().PutAsJsonAsync("/api/population/rental-rules", WiringStrict(1), Ct);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var stale = await Centre().PutAsJsonAsync("/api/population/rental-rules", WiringStrict(1), Ct);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("RulesChangedMeanwhile", await stale.Content.ReadAsStringAsync(Ct));
        var inEffect = await _host.GridWorker().GetFromJsonAsync<JsonElement>("/api/population/rental-rules", Ct);
        Assert.Equal(2, inEffect.GetProperty("version").GetProperty("version").GetInt32());
    }

    private async Task AssertRefusedAsync(object body, string field)
    {
        using var response = await Centre().PutAsJsonAsync("/api/population/rental-rules", body, Ct);
        var problem = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, problem);
        Assert.Contains($"\"{field}\"", problem);
    }
}
