using Governance.Population.Data;
using Governance.Population.Documents;
using Governance.Population.Floating;
using Governance.Population.Households;
using Governance.Population.Houses;
using Governance.Population.Moves;
using Governance.Population.Persons;
using Governance.Population.Rental;
using Governance.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Population.Demo;

/// <summary>
/// Fills one compound the grid drew: three floors of two rooms in each unit, all but one room a unit lived in by a household
/// of one to four (a family, an old person alone, grandparents with a left-behind grandchild), every step through the
/// service's own classes, so every check, history row and event is as if a grid worker had entered it. Four rooms of the last
/// unit are let to new citizens (floating residents with permits, some running out within 30 days, and their arrivals), and
/// inspected so that the default rules grade them 放心, 关注, 严管 and 禁止.
/// </summary>
internal sealed class DemoResidents(IServiceScopeFactory scopes, Caller caller, DemoPeople people, DemoCounts counts)
{
    private const int Floors = 3, RoomsPerFloor = 2, PermittedOccupants = 4;

    /// <summary>The findings that give each grade under the default rules (RentalRules.Defaults), in <see cref="RentalNames.Grades"/> order.</summary>
    private static readonly string[][] GradeFindings =
        [[], [RentalNames.WiringUnsafe], [RentalNames.FireExitsBlocked], [RentalNames.FireExitsBlocked, RentalNames.GasUnsafe]];

    /// <summary>A person made here, for the care cases to choose from.</summary>
    public sealed record Resident(Guid Id, string OrgPath, int Age, string Relation, int HouseholdSize);

    public List<Resident> Residents { get; } = [];

    public async Task FillAsync(House compound, CancellationToken ct)
    {
        List<(House Unit, string Building)> units;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PopulationDb>();
            var buildings = await db.Houses.AsNoTracking().Where(h => h.ParentId == compound.Id && h.Kind == HouseNames.Building).ToListAsync(ct);
            var ids = buildings.Select(b => b.Id).ToList();
            units = (await db.Houses.AsNoTracking().Where(h => h.ParentId != null && ids.Contains(h.ParentId.Value) && h.Kind == HouseNames.Unit).ToListAsync(ct))
                .Select(u => (u, buildings.First(b => b.Id == u.ParentId).Code))
                .OrderBy(x => x.Item2, StringComparer.Ordinal).ThenBy(x => x.u.Code, StringComparer.Ordinal).ToList();
        }
        Guid? landlord = null;
        for (var u = 0; u < units.Count; u++)
        {
            var letting = u == units.Count - 1;
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            for (var r = 0; r < Floors * RoomsPerFloor; r++)
            {
                var code = $"{r / RoomsPerFloor + 1}0{r % RoomsPerFloor + 1}";
                var let = letting && r < RentalNames.Grades.Length;
                var vacant = !let && (u + r) % (Floors * RoomsPerFloor) == Floors * RoomsPerFloor - 1;
                var room = await services.GetRequiredService<HouseRegistry>().RegisterAsync(caller,
                    new HouseRequest(HouseNames.Room, code, $"{code}室", units[u].Unit.Id, null, null, let ? "rental" : "residential", "vacant", null, null), ct);
                counts.Rooms++;
                if (vacant) continue;
                var number = $"{compound.Code}-{units[u].Building}-{units[u].Unit.Code}-{code}";
                var head = await HouseholdAsync(services, room, number, floating: let || people.Next(7) == 0, ct);
                landlord ??= head;
                if (!let) continue;
                var rental = await services.GetRequiredService<RentalRegistry>().RegisterAsync(caller,
                    new RentalRequest(room.Id, landlord, PermittedOccupants, new AgreementRequest(people.Today.AddDays(-120), people.Today.AddDays(245))), ct);
                await services.GetRequiredService<RentalInspections>().InspectAsync(caller, rental.Id,
                    new InspectionRequest(people.Today.AddDays(-people.Next(1, 20)), GradeFindings[r].Select(f => new FindingRequest(f, "演示检查记录")).ToList()), ct);
                counts.Rentals++;
            }
        }
    }

    /// <summary>Registers a household's people, moves them in and makes them a household, head first. Answers the head.</summary>
    private async Task<Guid> HouseholdAsync(IServiceProvider services, House room, string number, bool floating, CancellationToken ct)
    {
        var members = Members();
        var surname = people.Surname();
        var movedIn = people.Today.AddDays(-people.Next(30, 3000));
        Guid? household = null, head = null;
        foreach (var (relation, age, sex) in members)
        {
            var name = people.Name(relation is "spouse" or "parent" ? people.Surname() : surname);
            var person = await services.GetRequiredService<PersonRegistration>().RegisterAsync(caller, new PersonRequest(
                name, "resident_id", people.ResidentId(age, sex), age >= 16 ? people.Mobile() : null, floating ? Permit(movedIn) : new ResidenceRequest("registered", null, null, null),
                room.OrgPath), ct);
            counts.Persons++;
            head ??= person.Id;
            Residents.Add(new Resident(person.Id, room.OrgPath, age, relation, members.Count));
            await services.GetRequiredService<PersonMoves>().MoveInAsync(caller, person.Id, new MoveInRequest(room.Id, movedIn), ct);
            var households = services.GetRequiredService<HouseholdRegistry>();
            if (household is null) household = (await households.RegisterAsync(caller, new HouseholdRequest(number, "family", room.Id, person.Id, movedIn), ct)).Id;
            else await households.AddMemberAsync(caller, household.Value, new MemberRequest(person.Id, relation, movedIn), ct);
            if (!floating) continue;
            await services.GetRequiredService<FloatingRegistry>().ArriveAsync(caller,
                new ArrivalRequest(person.Id, movedIn, relation == HouseholdNames.Head ? "work" : "family"), ct);
            counts.Floating++;
        }
        counts.Households++;
        return head!.Value;
    }

    /// <summary>A residence permit from the day of arrival; about a third run out within the 30 days of the reminders.</summary>
    private ResidenceRequest Permit(DateOnly from)
    {
        var until = people.Next(3) == 0 ? people.Today.AddDays(people.Next(3, 29)) : people.Today.AddDays(people.Next(60, 700));
        return new ResidenceRequest("floating", $"DEMO{people.Next(0, 100_000_000):D8}", from, until);
    }

    /// <summary>Relation, age and sex of each member, head first.</summary>
    private List<(string Relation, int Age, Sex Sex)> Members()
    {
        var head = people.RandomSex();
        var other = head == Sex.Male ? Sex.Female : Sex.Male;
        switch (people.Next(10))
        {
            case 0 or 1: // someone living alone, often old
                return [(HouseholdNames.Head, people.Next(2) == 0 ? people.Next(66, 88) : people.Next(22, 60), head)];
            case 2: // grandparents bringing up a grandchild whose parents work far away
                return [(HouseholdNames.Head, people.Next(58, 72), head), ("spouse", people.Next(56, 72), other), ("grandchild", people.Next(5, 14), people.RandomSex())];
            default:
                var age = people.Next(26, 60);
                var size = people.Next(2, 5);
                var family = new List<(string, int, Sex)> { (HouseholdNames.Head, age, head), ("spouse", Math.Max(20, age + people.Next(-4, 5)), other) };
                for (var i = 2; i < size; i++)
                    family.Add(i == 3 && people.Next(3) == 0 ? ("parent", Math.Min(95, age + people.Next(24, 32)), people.RandomSex())
                        : ("child", Math.Max(1, age - people.Next(22, 34)), people.RandomSex()));
                return family;
        }
    }
}

/// <summary>What the demo seed made, for its log line and its test.</summary>
internal sealed class DemoCounts
{
    public int Compounds, Rooms, Households, Persons, Floating, Rentals, CareCases, Visits;
}
