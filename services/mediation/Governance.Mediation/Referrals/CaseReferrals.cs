using Governance.Contracts.Mediation;
using Governance.Mediation.Bodies;
using Governance.Mediation.Cases;
using Governance.Mediation.Levels;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;
using Governance.Mediation.Data;

namespace Governance.Mediation.Referrals;

/// <summary>
/// 三调联动: a case passes between people's, administrative and judicial mediation. The referring
/// side (<c>mediation.work</c> at the responsible node) names a body of another kind and why; the
/// case waits, referred, until that body's staff (<c>mediation.work</c> over the body's node)
/// acknowledge it; then the body mediates it at its own node and level, with a fresh level deadline.
/// The history keeps every hand-over.
/// </summary>
public sealed class CaseReferrals(CaseLedger ledger, LevelAssignment levels, RolePermissions permissions)
{
    public async Task<DisputeCase> ReferAsync(Caller caller, Guid id, Guid? toBodyId, string? reason, CancellationToken ct)
    {
        var dispute = await ledger.LoadAsync(id, ct);
        await permissions.EnsurePermittedAsync(caller, "mediation.work", OrgPath.Parse(dispute.ResponsibleOrgPath), ct);
        var why = CaseInput.Text(reason, "reason", TextLimits.Reason);
        var targetId = toBodyId ?? throw DomainException.Invalid("toBodyId", "Name the body to refer to.");
        var target = await ledger.Db.Bodies.FirstOrDefaultAsync(b => b.Id == targetId, ct)
            ?? throw DomainException.Invalid("toBodyId", $"No mediation body {toBodyId}.");
        if (dispute.State is not (CaseState.Registered or CaseState.InMediation))
            throw DomainException.RuleViolated("ReferralNeedsOpenCase",
                $"Case {dispute.Number} is {CaseLedger.Name(dispute.State)}: only a registered or in-mediation case can be referred.");
        if (!target.Active)
            throw DomainException.RuleViolated("ReferralNeedsActiveBody", $"{target.Name} no longer mediates: refer to an active body.");
        var current = dispute.BodyId is { } bodyId ? await ledger.Db.Bodies.Where(b => b.Id == bodyId).Select(b => (BodyKind?)b.Kind).FirstOrDefaultAsync(ct) : null;
        var fromKind = KindOf(current ?? BodyKind.PeoplesCommittee);
        if (fromKind == KindOf(target.Kind))
            throw DomainException.RuleViolated("ReferralNeedsAnotherKindOfMediation",
                $"Case {dispute.Number} is in {fromKind} mediation already; a referral goes to another kind (people's, administrative, judicial) — within one kind, escalate or reassign.");

        var fromState = dispute.State;
        (dispute.State, dispute.ReferredToBodyId) = (CaseState.Referred, target.Id);
        ledger.Record(dispute, caller.Subject, "refer", fromState, dispute.Level, $"to {target.Name} ({KindOf(target.Kind)}): {why}");
        ledger.Db.AddToOutbox(new DisputeReferred(dispute.Id, dispute.Number, target.Id, KindOf(target.Kind), why, dispute.OrgPath, ledger.Now), dispute.Id.ToString());
        await ledger.SaveAsync(dispute, ct);
        return dispute;
    }

    public async Task<DisputeCase> AcknowledgeAsync(Caller caller, Guid id, string? note, CancellationToken ct)
    {
        var dispute = await ledger.LoadAsync(id, ct);
        if (dispute.State != CaseState.Referred || dispute.ReferredToBodyId is not { } bodyId)
            throw DomainException.RuleViolated("AcknowledgeNeedsReferredCase",
                $"Case {dispute.Number} is {CaseLedger.Name(dispute.State)}: only a referred case is acknowledged.");
        var body = await ledger.Db.Bodies.FirstAsync(b => b.Id == bodyId, ct);
        await permissions.EnsurePermittedAsync(caller, "mediation.work", OrgPath.Parse(body.OrgPath), ct);

        var (fromState, fromLevel) = (dispute.State, dispute.Level);
        (dispute.State, dispute.BodyId, dispute.ReferredToBodyId, dispute.MediatorId) = (CaseState.InMediation, body.Id, null, null);
        await levels.PlaceAsync(dispute, body.Level, ledger.Now, ct);
        dispute.ResponsibleOrgPath = body.OrgPath;
        ledger.Record(dispute, caller.Subject, "acknowledge", fromState, fromLevel,
            string.IsNullOrWhiteSpace(note) ? $"{body.Name} mediates" : $"{body.Name} mediates: {CaseInput.Text(note, "note", TextLimits.Note)}");
        ledger.Db.AddToOutbox(new DisputeReferralAcknowledged(dispute.Id, dispute.Number, body.Id, dispute.OrgPath, ledger.Now, dispute.LevelDueAt), dispute.Id.ToString());
        await ledger.SaveAsync(dispute, ct);
        return dispute;
    }

    /// <summary>The three kinds of 三调联动: industry committees and joint centres are people's mediation.</summary>
    public static string KindOf(BodyKind kind) => kind switch
    {
        BodyKind.Administrative => "administrative",
        BodyKind.Judicial => "judicial",
        _ => "peoples",
    };
}
