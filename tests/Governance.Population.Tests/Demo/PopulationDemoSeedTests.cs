using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.Demo;
using Governance.Contracts.Grid;
using Governance.Population.Care;
using Governance.Population.Demo;
using Governance.Population.Documents;
using Governance.Population.Floating;
using Governance.Population.Houses;
using Governance.Population.Persons;
using Governance.Population.Protection;
using Governance.Population.Rental;
using Governance.Population.Tests.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Governance.Population.Tests.Demo;

/// <summary>
/// The standalone demo's residents, on SQLite as the standalone host runs: two compounds drawn by the grid (its events, as its
/// demo publishes them), then the seed fills them through the service's own classes, once.
/// </summary>
public sealed class PopulationDemoSeedTests(PopulationDemoSeedTests.SeededHost seeded) : IClassFixture<PopulationDemoSeedTests.SeededHost>
{
    private const string CareCommunity = "632801/001/001";
    private readonly PopulationHost _host = seeded.Host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>One host for the class: the grid's two compounds published, and the seed's run awaited.</summary>
    public sealed class SeededHost : IAsyncLifetime
    {
        private static readonly (string Grid, string Org)[] Grids = [("632801001001001", "632801/001/001/001"), ("632801001002001", "632801/001/002/001")];

        public PopulationHost Host { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Host = await PopulationHost.StartAsync(new Dictionary<string, string?> { ["Population:DemoSeed"] = "true" }, sqlite: true);
            var bus = Host.Services.GetRequiredService<IBus>();
            var at = DateTime.UtcNow;
            foreach (var (grid, org) in Grids)
            {
                var compound = Guid.NewGuid();
                await bus.Publish(new GridAreaRegistered(compound, grid, org, "compound", "01", "演示小区", null, 36.4, 94.9, at), Ct);
                foreach (var b in Enumerable.Range(1, 3))
                {
                    var building = Guid.NewGuid();
                    await bus.Publish(new GridAreaRegistered(building, grid, org, "building", $"{b}", $"{b}号楼", compound, 36.4, 94.9, at), Ct);
                    foreach (var u in Enumerable.Range(1, 2))
                        await bus.Publish(new GridAreaRegistered(Guid.NewGuid(), grid, org, "unit", $"{u}", $"{u}单元", building, null, null, at), Ct);
                }
            }
            await Host.Services.GetServices<IHostedService>().OfType<PopulationDemoSeed>().Single().ExecuteTask!.WaitAsync(TimeSpan.FromMinutes(5), Ct);
        }

        public async ValueTask DisposeAsync() => await Host.DisposeAsync();
    }

    [Fact]
    public async Task Every_unit_gets_rooms_and_households_whose_people_live_there()
    {
        var (rooms, households, persons, stays, unhoused, occupiedWithoutHousehold) = await _host.QueryAsync(async db => (
            await db.Houses.CountAsync(h => h.Kind == HouseNames.Room, Ct),
            await db.Households.CountAsync(Ct),
            await db.Persons.CountAsync(Ct),
            await db.Stays.CountAsync(s => s.Until == null, Ct),
            await db.Persons.CountAsync(p => p.HouseId == null, Ct),
            await db.Houses.CountAsync(h => h.Kind == HouseNames.Room && h.Occupancy == "occupied" && !db.Households.Any(x => x.HouseId == h.Id), Ct)));
        // 2 compounds x 6 units x 6 rooms; one room a unit empty, but for the last unit's, let to new citizens.
        Assert.Equal((72, 62), (rooms, households));
        Assert.InRange(persons, 62, 4 * 62);
        Assert.Equal((persons, 0, 0), (stays, unhoused, occupiedWithoutHousehold));
        var members = await _host.QueryAsync(db => db.HouseholdMembers.GroupBy(m => m.Relation).Select(g => g.Key).ToListAsync(Ct));
        Assert.Contains("spouse", members);
        Assert.Contains("child", members);
    }

    [Fact]
    public async Task Every_number_is_a_valid_resident_id_of_the_county_and_every_phone_a_made_up_mobile()
    {
        var cipher = _host.Services.GetRequiredService<PersonalDataCipher>();
        var persons = await _host.QueryAsync(db => db.Persons.AsNoTracking().ToListAsync(Ct));
        foreach (var p in persons)
        {
            var number = cipher.Unprotect(p.DocumentNumber, p.Id, PersonFields.DocumentNumber);
            Assert.True(Gb11643.HasValidCheck(number), number);
            Assert.StartsWith("632801", number, StringComparison.Ordinal);
            Assert.Equal(p.BirthDate, Gb11643.BirthDate(number));
            Assert.Contains("演示", p.Name, StringComparison.Ordinal);
            if (p.Phone is { } phone) Assert.Matches("^13[89][0-9]{8}$", cipher.Unprotect(phone, p.Id, PersonFields.Phone));
        }
        Assert.Equal(persons.Count, persons.Select(p => Convert.ToBase64String(p.DocumentHash)).Distinct().Count());
    }

    [Fact]
    public async Task New_citizens_have_permits_some_running_out_within_30_days_and_their_arrivals()
    {
        var today = PersonNames.Today(_host.Services.GetRequiredService<TimeProvider>());
        var floating = await _host.QueryAsync(db => db.Persons.AsNoTracking().Where(p => p.ResidenceStatus == ResidenceStatus.Floating).ToListAsync(Ct));
        var arrived = await _host.QueryAsync(db => db.Set<FloatingStay>().Where(s => s.DepartedOn == null).Select(s => s.PersonId).ToListAsync(Ct));
        Assert.NotEmpty(floating);
        Assert.Equal(floating.Select(p => p.Id).Order(), arrived.Order());
        Assert.All(floating, p => Assert.NotNull(p.PermitNumber));
        Assert.Contains(floating, p => p.PermitValidUntil > today && p.PermitValidUntil <= today.AddDays(30));
        Assert.Contains(floating, p => p.PermitValidUntil > today.AddDays(30));
    }

    [Fact]
    public async Task Rentals_are_graded_in_every_grade_by_the_default_rules()
    {
        var grades = await _host.QueryAsync(db => db.Set<RentalHouse>().AsNoTracking().Select(r => r.Grade).ToListAsync(Ct));
        Assert.Equal(RentalNames.Grades.SelectMany(g => new[] { g, g }).Order(), grades.Order());
    }

    [Fact]
    public async Task Care_cases_of_every_category_are_assigned_to_the_demo_care_worker_who_reads_them()
    {
        var cases = await _host.QueryAsync(db => db.CareCases.AsNoTracking().ToListAsync(Ct));
        Assert.Equal(CareCategories.All.Order(), cases.Select(c => c.Category).Order());
        Assert.All(cases, c => Assert.Equal((DemoUsers.CareWorker.ToString(), true), (c.WorkerId, c.OrgPath.StartsWith(CareCommunity + "/", StringComparison.Ordinal))));
        Assert.All(cases, c => Assert.True(c.ClosedOn is null));
        var visited = await _host.QueryAsync(db => db.CareVisits.Select(v => v.CaseId).Distinct().CountAsync(Ct));
        Assert.Equal(cases.Count, visited);

        using var worker = _host.ClientAs(DemoUsers.CareWorker.ToString(), CareCommunity, "care_worker");
        var listed = await worker.GetFromJsonAsync<JsonElement>("/api/population/care/cases?purpose=service_delivery", Ct);
        Assert.Equal(cases.Count, listed.EnumerateArray().Count());
    }

    [Fact]
    public async Task A_second_start_adds_nothing()
    {
        var before = await _host.QueryAsync(async db => (await db.Persons.CountAsync(Ct), await db.Houses.CountAsync(Ct), await db.CareCases.CountAsync(Ct)));
        using var again = ActivatorUtilities.CreateInstance<PopulationDemoSeed>(_host.Services);
        await again.StartAsync(Ct);
        await again.ExecuteTask!.WaitAsync(TimeSpan.FromMinutes(1), Ct);
        var after = await _host.QueryAsync(async db => (await db.Persons.CountAsync(Ct), await db.Houses.CountAsync(Ct), await db.CareCases.CountAsync(Ct)));
        Assert.Equal(before, after);
    }
}
