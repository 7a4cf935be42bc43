using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.Population;
using Governance.Population.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Governance.Population.Tests.Rental.Rentals;

namespace Governance.Population.Tests.Rental;

/// <summary>Rental grades on real PostgreSQL: each grade from its findings with its reason, the next inspection's day, and the event once per change.</summary>
public sealed class RentalGradingTests : IAsyncLifetime
{
    private PopulationHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await PopulationHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(new string[0], "assured", "no_findings", 365)]
    [InlineData(new[] { "wiring_unsafe" }, "watched", "a_hazard", 90)]
    [InlineData(new[] { "fire_exits_blocked" }, "strict", "fire_exits_blocked", 30)]
    [InlineData(new[] { "gas_unsafe", "wiring_unsafe" }, "strict", "gas_unsafe", 30)]
    [InlineData(new[] { "fire_exits_blocked", "gas_unsafe" }, "prohibited", "fire_exits_and_gas", 7)]
    [InlineData(new[] { "wiring_unsafe", "gas_unsafe", "crowding" }, "prohibited", "three_or_more_hazards", 7)]
    public async Task Each_grade_is_reached_by_its_findings_with_its_reason_and_deadline(string[] findings, string grade, string rule, int days)
    {
        var (rental, house, _) = await RentalAsync(_host);
        var inspected = await InspectAsync(_host, rental, findings);
        Assert.Equal((grade, rule, 1), GradeOf(inspected));
        Assert.Equal(Today(_host).AddDays(days), DateOnly.Parse(inspected.GetProperty("reinspectBy").GetString()!));
        Assert.Equal(findings.Order(), inspected.GetProperty("inspection").GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()!).Order());

        var read = await _host.GridWorker().GetFromJsonAsync<JsonElement>($"/api/population/rentals/{rental}", Ct);
        Assert.Equal((grade, rule), (read.GetProperty("grade").GetProperty("grade").GetString(), read.GetProperty("grade").GetProperty("rule").GetString()));
        var published = await _host.Events.WaitForAsync<RentalGradeChanged>(e => e.HouseId == house);
        Assert.Equal((grade, (string?)null, Today(_host).AddDays(days), PopulationHost.Grid1), (published.Grade, published.PreviousGrade, published.ReinspectBy, published.OrgPath));
    }

    [Fact]
    public async Task Crowding_is_computed_from_the_current_occupants_and_weighs_more_without_an_agreement()
    {
        var (withAgreement, house1, _) = await RentalAsync(_host, permitted: 2);
        await OccupantsAsync(_host, house1, 3);
        var inspected = await InspectAsync(_host, withAgreement);
        Assert.Equal(("watched", "a_hazard"), (GradeOf(inspected).Grade, GradeOf(inspected).Rule));
        var finding = Assert.Single(inspected.GetProperty("inspection").GetProperty("findings").EnumerateArray());
        Assert.Equal(("crowding", "computed"), (finding.GetProperty("code").GetString(), finding.GetProperty("source").GetString()));
        Assert.Equal((3, 2), (inspected.GetProperty("inspection").GetProperty("occupants").GetInt32(), inspected.GetProperty("inspection").GetProperty("permittedOccupants").GetInt32()));

        var (without, house2, _) = await RentalAsync(_host, permitted: 1, agreement: false);
        await OccupantsAsync(_host, house2, 2);
        var crowded = GradeOf(await InspectAsync(_host, without));
        Assert.Equal(("strict", "crowding_without_agreement"), (crowded.Grade, crowded.Rule));

        // As many as permitted is no crowding; no agreement alone is watched.
        var (exact, house3, _) = await RentalAsync(_host, permitted: 2, agreement: false);
        await OccupantsAsync(_host, house3, 2);
        var clean = await InspectAsync(_host, exact);
        Assert.Equal(("watched", "no_valid_agreement"), (GradeOf(clean).Grade, GradeOf(clean).Rule));
        Assert.Empty(clean.GetProperty("inspection").GetProperty("findings").EnumerateArray());
        Assert.Equal("none", clean.GetProperty("inspection").GetProperty("agreement").GetString());
    }

    [Fact]
    public async Task A_grade_change_is_published_once_and_an_unchanged_grade_never()
    {
        var (rental, house, _) = await RentalAsync(_host);
        await InspectAsync(_host, rental, "wiring_unsafe");
        await _host.Events.WaitForAsync<RentalGradeChanged>(e => e.HouseId == house && e.Grade == "watched");
        // Watched again (another hazard, same grade): the deadline moves on, nothing is published.
        _host.Clock.Advance(TimeSpan.FromDays(10));
        var again = await InspectAsync(_host, rental, "crowding");
        Assert.Equal("watched", GradeOf(again).Grade);
        Assert.Equal(Today(_host).AddDays(90), DateOnly.Parse(again.GetProperty("reinspectBy").GetString()!));
        await InspectAsync(_host, rental, "fire_exits_blocked");
        var strict = await _host.Events.WaitForAsync<RentalGradeChanged>(e => e.HouseId == house && e.Grade == "strict");
        Assert.Equal("watched", strict.PreviousGrade);
        Assert.Equal(["watched", "strict"], _host.Events.Seen<RentalGradeChanged>(e => e.HouseId == house).Select(e => e.Grade));
        Assert.Equal(3, await _host.QueryAsync(db => db.Set<Governance.Population.Rental.RentalInspection>().CountAsync(i => i.RentalId == rental, Ct)));
    }

    [Fact]
    public async Task Every_inspection_is_published_with_the_day_it_was_due_by_and_whether_it_was_on_time()
    {
        var (rental, house, _) = await RentalAsync(_host);
        var registered = Today(_host);
        var first = await InspectAsync(_host, rental, "wiring_unsafe"); // due on registration: on time
        _host.Clock.Advance(TimeSpan.FromDays(100)); // watched: due again within 90 days
        await InspectAsync(_host, rental, "wiring_unsafe");
        var published = await _host.Events.WaitForAsync<RentalInspected>(e => e.HouseId == house && !e.OnTime);
        Assert.Equal((registered.AddDays(100), registered.AddDays(90), "watched", registered.AddDays(190)),
            (published.InspectedOn, published.DueBy, published.Grade, published.ReinspectBy));
        var onTime = Assert.Single(_host.Events.Seen<RentalInspected>(e => e.HouseId == house && e.OnTime));
        Assert.Equal((first.GetProperty("inspection").GetProperty("id").GetGuid(), registered, registered), (onTime.InspectionId, onTime.InspectedOn, onTime.DueBy));
    }

    [Fact]
    public async Task Reading_a_rental_logs_a_read_of_its_landlord_and_each_occupant_masked()
    {
        var (rental, house, landlord) = await RentalAsync(_host);
        var occupants = await OccupantsAsync(_host, house, 2);
        var read = await _host.GridWorker().GetFromJsonAsync<JsonElement>($"/api/population/rentals/{rental}?purpose=service_delivery", Ct);
        Assert.Equal("138****5678", read.GetProperty("landlord").GetProperty("phone").GetString());
        Assert.Equal(occupants.Order(), read.GetProperty("occupants").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).Order());
        var reads = await _host.QueryAsync(db => db.PersonReads.ToListAsync(Ct));
        Assert.Equal(new[] { landlord }.Concat(occupants).Order(), reads.Select(r => r.PersonId!.Value).Order());
        Assert.All(reads, r => Assert.Equal(("get", "service_delivery", "gw-1"), (r.Action, r.Purpose, r.Reader)));
        Assert.Equal("name,phone:masked", reads.Single(r => r.PersonId == landlord).Fields);
        // The list holds no personal data: no read is logged for it.
        var list = await _host.GridWorker().GetFromJsonAsync<JsonElement[]>("/api/population/rentals", Ct);
        Assert.Equal(2, Assert.Single(list!).GetProperty("occupants").GetInt32());
        Assert.Equal(3, await _host.QueryAsync(db => db.PersonReads.CountAsync(Ct)));
    }
}
