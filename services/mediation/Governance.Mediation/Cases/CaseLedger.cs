using Governance.Mediation.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Mediation.Cases;

/// <summary>
/// What every step on a case shares: loading it, writing its history line with the state or level
/// change, and saving state, history and events in one SaveChanges (a concurrent step loses cleanly).
/// </summary>
public sealed class CaseLedger(MediationDb db, TimeProvider clock)
{
    public MediationDb Db => db;
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<DisputeCase> LoadAsync(Guid id, CancellationToken ct) =>
        await db.Cases.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw DomainException.NotFound($"No dispute case {id}.");

    /// <summary>Records a step: who, what, from and to which state and level, and why.</summary>
    public void Record(DisputeCase dispute, string actor, string action, CaseState from, MediationLevel? fromLevel, string? note)
    {
        db.CaseSteps.Add(new CaseStep
        {
            CaseId = dispute.Id, At = Now, Actor = actor, Action = action, FromState = Name(from), ToState = Name(dispute.State),
            FromLevel = fromLevel is { } l ? Name(l) : null, ToLevel = Name(dispute.Level), Note = note,
        });
        dispute.UpdatedAt = Now;
        dispute.Version = Guid.NewGuid();
    }

    public async Task SaveAsync(DisputeCase dispute, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw DomainException.RuleViolated("CaseChangedMeanwhile",
                $"Case {dispute.Number} was changed by someone else meanwhile; reload it and try again.");
        }
    }

    public static string Name(CaseState state) => CaseNames.Snake(state.ToString());
    public static string Name(MediationLevel level) => CaseNames.Snake(level.ToString());
}
