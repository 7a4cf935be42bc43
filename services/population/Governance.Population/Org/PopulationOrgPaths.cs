using Governance.Messaging.OrgPaths;
using Governance.Population.Care;
using Governance.Population.Floating;
using Governance.Population.Data;
using Governance.Population.Households;
using Governance.Population.Houses;
using Governance.Population.Imports;
using Governance.Population.Moves;
using Governance.Population.Persons;
using Governance.Population.Rental;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Population.Org;

/// <summary>
/// Every population column that holds an org path, and so follows a node when identity moves it: after a community
/// moves to another street, the new street's staff reach its residents and houses and the old street's do not. A new
/// column holding a path belongs here. The access log is not: it is append-only, and each row keeps the org the
/// person lay in when they were read, which is what an auditor of that read needs (the care read log likewise).
/// </summary>
public static class PopulationOrgPaths
{
    public static readonly IReadOnlyList<IOrgPathColumn> Columns =
    [
        new OrgPathColumn<Person>(p => p.OrgPath),
        new OrgPathColumn<House>(h => h.OrgPath),
        new OrgPathColumn<CareCase>(c => c.OrgPath),
        new OrgPathColumn<CareCase>(c => c.ArrivedFrom!),
        new OrgPathColumn<RentalHouse>(r => r.OrgPath),
        new OrgPathColumn<FloatingStay>(s => s.OrgPath),
        new OrgPathColumn<PermitReminder>(r => r.OrgPath),
        new OrgPathColumn<Household>(h => h.OrgPath),
        new OrgPathColumn<Stay>(s => s.OrgPath),
        new OrgPathColumn<ImportJob>(j => j.OrgPath),
    ];

    /// <summary>
    /// Refuses a path a move took away (a department's system that still holds the old code): a record put there would
    /// sit outside every current subtree but the old parent's.
    /// </summary>
    public static async Task EnsureCurrentAsync(PopulationDb db, string path, string field, CancellationToken ct)
    {
        if (await OrgMoves.MovedAwayAsync(db, path, ct) is { } move)
            throw DomainException.Invalid(field, $"The org {move.OldPath} moved to {move.NewPath}: use its current path.");
    }

    /// <summary>
    /// Saves what <paramref name="db"/> tracks (a new record at <paramref name="path"/>) in one transaction that holds org
    /// moves off (<see cref="OrgMoves.HoldOffMovesAsync"/>) and checks the path again inside it. A move committed since the
    /// first check refuses the record, naming <paramref name="field"/>; a move arriving now waits for this commit and then
    /// moves the record with the rest. Either way nothing lands at a moved-away path. A unique index refusing the record
    /// answers <paramref name="duplicate"/>.
    /// </summary>
    public static async Task SaveAtCurrentPathAsync(PopulationDb db, string path, string field, Func<DomainException> duplicate, CancellationToken ct)
    {
        try
        {
            await db.SaveInOneTransactionAsync(async attempt =>
            {
                await OrgMoves.HoldOffMovesAsync(db, attempt);
                await EnsureCurrentAsync(db, path, field, attempt);
            }, ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            throw duplicate();
        }
    }
}
