using Governance.Contracts.Population;
using Governance.Messaging.Outbox;
using Governance.Population.Access;
using Governance.Population.Care;
using Governance.Population.Data;
using Governance.Population.Houses;
using Governance.Population.Persons;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Population.Moves;

/// <summary>
/// Moves people into and out of houses, keeping the history of stays. A move from A to B ends the stay in A and
/// begins the one in B in one transaction, with PersonMovedOut (A) then PersonMovedIn (B) in the outbox beside
/// them. A room's occupancy follows its residents: occupied when someone moves in, vacant when the last one leaves
/// (a hand-set occupancy holds until the next move into or out of the room).
/// </summary>
public sealed class PersonMoves(PopulationDb db, PopulationReach reach, RolePermissions permissions, TimeProvider clock)
{
    /// <summary>The stay begun (Created), or the open one when the person lives there already (a replay: nothing written).</summary>
    public async Task<(Stay Stay, bool Created)> MoveInAsync(Caller caller, Guid personId, MoveInRequest request, CancellationToken ct)
    {
        var houseId = request.HouseId ?? throw DomainException.Invalid("houseId", "Give the house to move into.");
        var on = CheckDate(request.On);
        await reach.PersonToChangeAsync(caller, personId, ct);
        var house = await reach.DwellingToChangeAsync(caller, houseId, "houseId", ct);
        var open = await OpenStayAsync(personId, ct);
        if (open?.HouseId == house.Id) return (open, false);
        if (open is not null && on < open.From)
            throw DomainException.Invalid("on", $"The person lives in their house since {open.From:yyyy-MM-dd}: the move cannot be dated before.");
        var now = clock.GetUtcNow().UtcDateTime;
        var stay = new Stay
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()), PersonId = personId, HouseId = house.Id, OrgPath = house.OrgPath, From = on,
            RecordedAt = now, RecordedBy = caller.Subject,
        };
        try
        {
            await db.SaveInOneTransactionAsync(async attempt =>
            {
                if (open is not null) await EndAsync(open, on, MoveReasons.Moved, caller, now, attempt);
                db.Stays.Add(stay);
                // A statement, not a tracked change: a move is no edit of the person's record, so it neither checks nor bumps its version.
                await db.Persons.Where(p => p.Id == personId)
                    .ExecuteUpdateAsync(set => set.SetProperty(p => p.HouseId, house.Id).SetProperty(p => p.OrgPath, house.OrgPath), attempt);
                await db.Houses.Where(h => h.Id == house.Id && h.Kind == HouseNames.Room)
                    .ExecuteUpdateAsync(set => set.SetProperty(h => h.Occupancy, "occupied"), attempt);
                await CareCaseMoves.FollowPersonAsync(db, personId, house.OrgPath, on, attempt);
                // The event names the person's household only when that household lives in this house (人户一致).
                var household = await db.HouseholdMembers.Where(m => m.PersonId == personId && m.LeftOn == null)
                    .Join(db.Households.Where(h => h.HouseId == house.Id), m => m.HouseholdId, h => h.Id, (m, h) => (Guid?)h.Id).FirstOrDefaultAsync(attempt);
                db.AddToOutbox(new PersonMovedIn(personId, house.Id, household, house.OrgPath, now), personId.ToString());
            }, ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another request opened a stay first: the same move (a double submit) is answered as its replay.
            db.ChangeTracker.Clear();
            var won = await OpenStayAsync(personId, ct);
            return won?.HouseId == house.Id ? (won, false) : throw MovedMeanwhile();
        }
        return (stay, true);
    }

    /// <summary>Ends the person's stay, to nowhere recorded.</summary>
    public async Task<Stay> MoveOutAsync(Caller caller, Guid personId, MoveOutRequest request, CancellationToken ct)
    {
        var reason = request.Reason is { } r && MoveReasons.All.Contains(r) ? r
            : throw DomainException.Invalid("reason", $"The reason '{request.Reason}' is not one of {string.Join(", ", MoveReasons.All)}.");
        var on = CheckDate(request.On);
        await reach.PersonToChangeAsync(caller, personId, ct);
        var open = await OpenStayAsync(personId, ct)
            ?? throw DomainException.RuleViolated("PersonLivesInNoRecordedHouse", "The person lives in no recorded house: there is nothing to move out of.");
        if (on < open.From) throw DomainException.Invalid("on", $"The person lives in their house since {open.From:yyyy-MM-dd}: the move cannot be dated before.");
        var now = clock.GetUtcNow().UtcDateTime;
        await db.SaveInOneTransactionAsync(async attempt =>
        {
            await EndAsync(open, on, reason, caller, now, attempt);
            await db.Persons.Where(p => p.Id == personId).ExecuteUpdateAsync(set => set.SetProperty(p => p.HouseId, (Guid?)null), attempt);
        }, ct);
        open.Until = on;
        open.EndReason = reason;
        return open;
    }

    /// <summary>The person's stays, newest first; the read is logged as a read of the person.</summary>
    public async Task<IReadOnlyList<Stay>> StaysAsync(PersonAccess.Reading reading, Guid personId, CancellationToken ct)
    {
        var person = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null || !await permissions.IsPermittedAsync(reading.Caller, PopulationPermissions.Read, OrgPath.Parse(person.OrgPath), ct))
            throw DomainException.NotFound($"No person {personId} within your reach.");
        var stays = await db.Stays.AsNoTracking().Where(s => s.PersonId == personId).OrderByDescending(s => s.From).ThenByDescending(s => s.Id).ToListAsync(ct);
        db.LogPersonRead(reading, "stays", person.Id, person.OrgPath, "stays", clock);
        await db.SaveChangesAsync(ct);
        return stays;
    }

    /// <summary>
    /// Ends <paramref name="open"/> by a statement that only an open stay matches: of two moves at once, the second
    /// waits for the first's commit, then finds the stay ended and is refused, so neither ends it twice.
    /// </summary>
    private async Task EndAsync(Stay open, DateOnly on, string reason, Caller caller, DateTime now, CancellationToken ct)
    {
        var ended = await db.Stays.Where(s => s.Id == open.Id && s.Until == null).ExecuteUpdateAsync(set => set
            .SetProperty(s => s.Until, on).SetProperty(s => s.EndReason, reason)
            .SetProperty(s => s.EndRecordedAt, now).SetProperty(s => s.EndRecordedBy, caller.Subject), ct);
        if (ended == 0) throw MovedMeanwhile();
        await db.Houses.Where(h => h.Id == open.HouseId && h.Kind == HouseNames.Room && !db.Stays.Any(s => s.HouseId == h.Id && s.Until == null))
            .ExecuteUpdateAsync(set => set.SetProperty(h => h.Occupancy, "vacant"), ct);
        db.AddToOutbox(new PersonMovedOut(open.PersonId, open.HouseId, reason, open.OrgPath, now), open.PersonId.ToString());
    }

    private Task<Stay?> OpenStayAsync(Guid personId, CancellationToken ct) =>
        db.Stays.AsNoTracking().FirstOrDefaultAsync(s => s.PersonId == personId && s.Until == null, ct);

    private DateOnly CheckDate(DateOnly? on)
    {
        var today = PersonNames.Today(clock);
        var day = on ?? today;
        return day <= today ? day : throw DomainException.Invalid("on", "A move cannot be dated in the future.");
    }

    private static DomainException MovedMeanwhile() =>
        DomainException.RuleViolated("PersonMovedMeanwhile", "The person moved meanwhile: read where they live now and try again.");
}
