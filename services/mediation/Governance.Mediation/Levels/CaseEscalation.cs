using Governance.Contracts.Mediation;
using Governance.Mediation.Cases;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Governance.Mediation.Data;

namespace Governance.Mediation.Levels;

/// <summary>
/// Moves a case up one level (grid → community → street → county) because its level's deadline
/// passed or its mediation failed there: the next level's node and deadline, no body or mediator yet
/// (the new level assigns its own), state back to registered, the reason in the history and in
/// <see cref="DisputeEscalated"/>. A county case has nowhere further to go.
/// </summary>
public sealed class CaseEscalation(CaseLedger ledger, LevelAssignment levels, RolePermissions permissions)
{
    private static readonly CaseState[] Escalatable = [CaseState.Registered, CaseState.InMediation, CaseState.Failed];

    /// <summary>A mediator gives up at this level (<c>mediation.work</c> at the responsible node); saved.</summary>
    public async Task<DisputeCase> EscalateAsync(Caller caller, Guid id, string? reason, CancellationToken ct)
    {
        var dispute = await ledger.LoadAsync(id, ct);
        await permissions.EnsurePermittedAsync(caller, "mediation.work", OrgPath.Parse(dispute.ResponsibleOrgPath), ct);
        await EscalateAsync(dispute, caller.Subject, CaseInput.Text(reason, "reason", TextLimits.Reason), ct);
        await ledger.SaveAsync(dispute, ct);
        return dispute;
    }

    /// <summary>
    /// Escalates <paramref name="dispute"/> (tracked by this scope's <c>MediationDb</c>) and records why.
    /// Does not save: the caller commits it with its own changes (an outcome, a deadline scan) in one SaveChanges.
    /// </summary>
    /// <exception cref="DomainException">Rule <c>CountyCaseCannotEscalate</c> or <c>EscalationNeedsOpenCase</c>.</exception>
    public async Task EscalateAsync(DisputeCase dispute, string actor, string reason, CancellationToken ct)
    {
        if (!Escalatable.Contains(dispute.State))
            throw DomainException.RuleViolated("EscalationNeedsOpenCase",
                $"Case {dispute.Number} is {CaseLedger.Name(dispute.State)}: only a registered, in-mediation or failed case escalates.");
        var from = dispute.Level;
        var to = LevelAssignment.Up(from) ?? throw DomainException.RuleViolated("CountyCaseCannotEscalate",
            $"Case {dispute.Number} is at the county level already: there is no level above to escalate to.");
        var fromState = dispute.State;
        await levels.PlaceAsync(dispute, to, ledger.Now, ct);
        (dispute.State, dispute.BodyId, dispute.MediatorId) = (CaseState.Registered, null, null);
        ledger.Record(dispute, actor, "escalate", fromState, from, reason);
        ledger.Db.AddToOutbox(new DisputeEscalated(dispute.Id, dispute.Number, CaseLedger.Name(from), CaseLedger.Name(to), reason, dispute.OrgPath, ledger.Now,
            dispute.IncidentId, dispute.LevelDueAt),
            dispute.Id.ToString());
    }
}
