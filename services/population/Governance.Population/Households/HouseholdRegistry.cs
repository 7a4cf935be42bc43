using Governance.Population.Access;
using Governance.Population.Data;
using Governance.Population.Moves;
using Governance.Population.Persons;
using Governance.Population.Protection;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Population.Households;

/// <summary>
/// Registers households and changes their membership. Writes need population.register over the household's org
/// (its house's) and over each person touched; a household or person out of reading reach reads as absent. The
/// rules "one household at a time" and "one head at a time" are partial unique indexes, so two requests at once
/// cannot break them; a membership is never deleted, it ends (history).
/// </summary>
public sealed class HouseholdRegistry(PopulationDb db, PopulationReach reach, RolePermissions permissions, PersonalDataCipher cipher, TimeProvider clock)
{
    public async Task<Household> RegisterAsync(Caller caller, HouseholdRequest request, CancellationToken ct)
    {
        var number = HouseholdChecks.Number(request.Number);
        var kind = HouseholdChecks.Kind(request.Kind);
        var houseId = request.HouseId ?? throw DomainException.Invalid("houseId", "Give the house the household lives in.");
        var headId = request.HeadId ?? throw DomainException.Invalid("headId", "Give the household's head.");
        var joined = CheckDate(request.JoinedOn, "joinedOn");
        var house = await reach.DwellingToChangeAsync(caller, houseId, "houseId", ct);
        await reach.PersonToChangeAsync(caller, headId, ct);
        if (await db.Households.AnyAsync(h => h.OrgPath == house.OrgPath && h.Number == number, ct)) throw NumberTaken(number);
        if (await db.HouseholdMembers.AnyAsync(m => m.PersonId == headId && m.LeftOn == null, ct)) throw InAnotherHousehold();
        var now = clock.GetUtcNow();
        var household = new Household
        {
            Id = Guid.CreateVersion7(now), Number = number, Kind = kind, HouseId = house.Id, OrgPath = house.OrgPath,
            RegisteredAt = now.UtcDateTime, RegisteredBy = caller.Subject,
        };
        db.Households.Add(household);
        db.HouseholdMembers.Add(Member(household.Id, headId, HouseholdNames.Head, joined, caller));
        await SaveAsync(headId, () => NumberTaken(number), ct);
        return household;
    }

    /// <summary>Adds a member (Created), or answers the membership there is when the same person is added again with the same relation.</summary>
    public async Task<(HouseholdMember Member, bool Created)> AddMemberAsync(Caller caller, Guid householdId, MemberRequest request, CancellationToken ct)
    {
        var personId = request.PersonId ?? throw DomainException.Invalid("personId", "Give the person who joins.");
        var relation = HouseholdChecks.Relation(request.Relation);
        if (relation == HouseholdNames.Head) throw DomainException.Invalid("relation", "A household has one head: join as another relation, then change the head.");
        var joined = CheckDate(request.JoinedOn, "joinedOn");
        var household = await ToChangeAsync(caller, householdId, ct);
        await reach.PersonToChangeAsync(caller, personId, ct);
        if (await ReplayAsync(household.Id, personId, relation, ct) is { } existing) return (existing, false);
        var member = Member(household.Id, personId, relation, joined, caller);
        db.HouseholdMembers.Add(member);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return (await ReplayAsync(household.Id, personId, relation, ct) ?? throw InAnotherHousehold(), false);
        }
        return (member, true);
    }

    /// <summary>The person's open membership here with <paramref name="relation"/>; a membership elsewhere, or here as another relation, is refused.</summary>
    private async Task<HouseholdMember?> ReplayAsync(Guid householdId, Guid personId, string relation, CancellationToken ct)
    {
        var open = await db.HouseholdMembers.AsNoTracking().FirstOrDefaultAsync(m => m.PersonId == personId && m.LeftOn == null, ct);
        if (open is null) return null;
        if (open.HouseholdId != householdId) throw InAnotherHousehold();
        return open.Relation == relation ? open
            : throw DomainException.RuleViolated("PersonIsAMemberAlready", $"The person is a member of this household already, as {open.Relation}.");
    }

    public async Task<HouseholdMember> LeaveAsync(Caller caller, Guid householdId, Guid personId, LeaveRequest request, CancellationToken ct)
    {
        var reason = request.Reason ?? "left";
        if (!HouseholdNames.LeaveReasons.Contains(reason))
            throw DomainException.Invalid("reason", $"The reason '{reason}' is not one of {string.Join(", ", HouseholdNames.LeaveReasons)}.");
        var on = CheckDate(request.On, "on");
        var household = await ToChangeAsync(caller, householdId, ct);
        await reach.PersonToChangeAsync(caller, personId, ct);
        var member = await db.HouseholdMembers.AsNoTracking().FirstOrDefaultAsync(m => m.HouseholdId == household.Id && m.PersonId == personId && m.LeftOn == null, ct)
            ?? throw DomainException.NotFound($"The person {personId} is not a member of household {household.Number}.");
        if (on < member.JoinedOn) throw DomainException.Invalid("on", $"The member joined on {member.JoinedOn:yyyy-MM-dd}: they cannot leave before.");
        if (member.Relation == HouseholdNames.Head && await db.HouseholdMembers.AnyAsync(m => m.HouseholdId == household.Id && m.LeftOn == null && m.Id != member.Id, ct))
            throw DomainException.RuleViolated("HeadLeavesLast", "The head leaves last: change the head first.");
        var ended = await db.HouseholdMembers.Where(m => m.Id == member.Id && m.LeftOn == null)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.LeftOn, on).SetProperty(m => m.LeftReason, reason), ct);
        if (ended == 0) throw ChangedMeanwhile();
        member.LeftOn = on;
        member.LeftReason = reason;
        return member;
    }

    /// <summary>Makes a member the head, restating every other member's relation to them, in one transaction.</summary>
    public async Task ChangeHeadAsync(Caller caller, Guid householdId, HeadChangeRequest request, CancellationToken ct)
    {
        var newHead = request.PersonId ?? throw DomainException.Invalid("personId", "Give the member who becomes the head.");
        var household = await ToChangeAsync(caller, householdId, ct);
        var members = await db.HouseholdMembers.AsNoTracking().Where(m => m.HouseholdId == household.Id && m.LeftOn == null).ToListAsync(ct);
        var head = members.FirstOrDefault(m => m.PersonId == newHead)
            ?? throw DomainException.Invalid("personId", $"The person {newHead} is not a member of household {household.Number}.");
        await reach.PersonToChangeAsync(caller, newHead, ct);
        var given = new Dictionary<Guid, string>();
        foreach (var r in request.Relations ?? [])
        {
            if (r.PersonId is not { } id || members.All(m => m.PersonId != id) || id == newHead)
                throw DomainException.Invalid("relations", $"The person {r.PersonId} is not another member of household {household.Number}.");
            if (r.Relation is not { } relation || relation == HouseholdNames.Head || !HouseholdNames.Relations.Contains(relation))
                throw DomainException.Invalid("relations", $"The relation '{r.Relation}' is not one of {string.Join(", ", HouseholdNames.Relations.Skip(1))}.");
            if (!given.TryAdd(id, relation)) throw DomainException.Invalid("relations", $"The person {id} is given twice.");
        }
        if (head.Relation == HouseholdNames.Head && given.Count == 0) return; // the head already: a replay
        if (members.FirstOrDefault(m => m.PersonId != newHead && !given.ContainsKey(m.PersonId)) is { } missing)
            throw DomainException.Invalid("relations", $"Give the relation of every other member to the new head: {missing.PersonId} is missing.");
        await db.SaveInOneTransactionAsync(async attempt =>
        {
            // The former head first: of two changes at once, the second finds no open head to step down and is refused.
            foreach (var m in members.Where(m => m.PersonId != newHead).OrderByDescending(m => m.Relation == HouseholdNames.Head))
            {
                var relation = given[m.PersonId];
                var changed = await db.HouseholdMembers.Where(x => x.Id == m.Id && x.LeftOn == null && x.Relation == m.Relation)
                    .ExecuteUpdateAsync(set => set.SetProperty(x => x.Relation, relation), attempt);
                if (changed == 0) throw ChangedMeanwhile();
            }
            var promoted = await db.HouseholdMembers.Where(x => x.Id == head.Id && x.LeftOn == null)
                .ExecuteUpdateAsync(set => set.SetProperty(x => x.Relation, HouseholdNames.Head), attempt);
            if (promoted == 0) throw ChangedMeanwhile();
        }, ct);
    }

    /// <summary>The household with its members (current first, then former); each shown member's read is logged.</summary>
    public async Task<HouseholdView> GetAsync(PersonAccess.Reading reading, Guid id, CancellationToken ct)
    {
        var household = await ToReadAsync(reading.Caller, id, ct);
        return await ViewAsync(reading, household, "household", ct);
    }

    /// <summary>The household a person is a member of now, with its members; null when none.</summary>
    public async Task<HouseholdView?> OfPersonAsync(PersonAccess.Reading reading, Guid personId, CancellationToken ct)
    {
        var householdId = await db.HouseholdMembers.AsNoTracking().Where(m => m.PersonId == personId && m.LeftOn == null).Select(m => (Guid?)m.HouseholdId).FirstOrDefaultAsync(ct);
        if (householdId is null) return null;
        var household = await db.Households.AsNoTracking().FirstAsync(h => h.Id == householdId, ct);
        return await ViewAsync(reading, household, "household", ct);
    }

    internal async Task<HouseholdView> ViewAsync(PersonAccess.Reading reading, Household household, string action, CancellationToken ct)
    {
        var members = await db.HouseholdMembers.AsNoTracking().Where(m => m.HouseholdId == household.Id)
            .OrderBy(m => m.LeftOn != null).ThenByDescending(m => m.Relation == HouseholdNames.Head).ThenBy(m => m.JoinedOn).ThenBy(m => m.Id).ToListAsync(ct);
        var ids = members.Select(m => m.PersonId).Distinct().ToList();
        var persons = await db.Persons.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var subtrees = await permissions.PermittedSubtreesAsync(reading.Caller, PopulationPermissions.Read, ct);
        var shown = persons.Values.Where(p => subtrees.Any(s => OrgPath.Parse(p.OrgPath).IsWithin(s))).ToDictionary(p => p.Id);
        foreach (var person in shown.Values) db.LogPersonRead(reading, action, person.Id, person.OrgPath, PersonFields.Masked + ",relation", clock);
        await db.SaveChangesAsync(ct);
        var today = PersonNames.Today(clock);
        return new HouseholdView(household.Id, household.Number, household.Kind, household.HouseId, household.OrgPath, household.RegisteredAt,
            members.Select(m => new MemberView(m.PersonId, m.Relation, m.JoinedOn, m.LeftOn, m.LeftReason,
                shown.TryGetValue(m.PersonId, out var p) ? PersonView.Masked(p, cipher, today) : null)).ToList());
    }

    /// <summary>The households living in a house, by number: ids and counts only.</summary>
    public async Task<IReadOnlyList<HouseholdSummary>> OfHouseAsync(Caller caller, Guid houseId, CancellationToken ct)
    {
        var house = await reach.HouseToReadAsync(caller, houseId, ct);
        return await db.Households.AsNoTracking().Where(h => h.HouseId == house.Id).OrderBy(h => h.Number)
            .Select(h => new HouseholdSummary(h.Id, h.Number, h.Kind, h.HouseId, h.OrgPath,
                db.HouseholdMembers.Where(m => m.HouseholdId == h.Id && m.LeftOn == null && m.Relation == HouseholdNames.Head).Select(m => (Guid?)m.PersonId).FirstOrDefault(),
                db.HouseholdMembers.Count(m => m.HouseholdId == h.Id && m.LeftOn == null)))
            .ToListAsync(ct);
    }

    private async Task<Household> ToReadAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var household = await db.Households.AsNoTracking().FirstOrDefaultAsync(h => h.Id == id, ct);
        return household is not null && await permissions.IsPermittedAsync(caller, PopulationPermissions.Read, OrgPath.Parse(household.OrgPath), ct) ? household
            : throw DomainException.NotFound($"No household {id} within your reach.");
    }

    private async Task<Household> ToChangeAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var household = await ToReadAsync(caller, id, ct);
        await permissions.EnsurePermittedAsync(caller, PopulationPermissions.Register, OrgPath.Parse(household.OrgPath), ct);
        return household;
    }

    private HouseholdMember Member(Guid householdId, Guid personId, string relation, DateOnly joined, Caller caller) => new()
    {
        Id = Guid.CreateVersion7(clock.GetUtcNow()), HouseholdId = householdId, PersonId = personId, Relation = relation, JoinedOn = joined,
        RecordedAt = clock.GetUtcNow().UtcDateTime, RecordedBy = caller.Subject,
    };

    /// <summary>
    /// Saves a new household and its head. Another request may have taken the number, or made the head a member
    /// elsewhere, since the checks: the database's unique indexes refuse it, and the database, asked again, says which.
    /// </summary>
    private async Task SaveAsync(Guid headId, Func<DomainException> numberTaken, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            throw await db.HouseholdMembers.AnyAsync(m => m.PersonId == headId && m.LeftOn == null, ct) ? InAnotherHousehold() : numberTaken();
        }
    }

    private DateOnly CheckDate(DateOnly? day, string field) => HouseholdChecks.Date(day, clock, field);

    private static DomainException NumberTaken(string number) => HouseholdChecks.NumberTaken(number);

    private static DomainException InAnotherHousehold() => HouseholdChecks.InAnotherHousehold();

    private static DomainException ChangedMeanwhile() =>
        DomainException.RuleViolated("HouseholdChangedMeanwhile", "The household changed meanwhile: read it again and try again.");
}
