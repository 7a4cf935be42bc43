using Governance.Contracts.Mediation;
using Governance.Mediation.Cases;
using Governance.Mediation.Work;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Governance.Mediation.Data;

namespace Governance.Mediation.Endings;

/// <summary>
/// Ending a case without an outcome: the body declines it (不予受理) before mediation starts, or the
/// applicant withdraws it (撤回) at any time before an outcome. Either needs <c>mediation.work</c> at the
/// responsible node and a reason; the case ends there (no level deadline runs on), and the event
/// tells the grid when the case came from a hand-over.
/// </summary>
public sealed class CaseEndings(CaseWork work)
{
    public async Task<DisputeCase> DeclineAsync(Caller caller, Guid id, DeclineRequest r, CancellationToken ct)
    {
        var c = await work.LoadAsync(caller, id, "mediation.work", ct);
        var reason = WorkNames.Parse<DeclineReason>(r.Reason, "reason");
        var note = Note(r.Note, reason == DeclineReason.Other);
        CaseWork.Require(c, "DeclineOnlyBeforeMediationStarts", "declining it", CaseState.Registered);
        End(c, caller, "decline", CaseState.Declined, WorkNames.Of(reason), note,
            new DisputeDeclined(c.Id, c.Number, WorkNames.Of(c.Level), WorkNames.Of(reason), c.OrgPath, work.Now, c.IncidentId));
        await work.SaveAsync(c, ct);
        return c;
    }

    public async Task<DisputeCase> WithdrawAsync(Caller caller, Guid id, WithdrawRequest r, CancellationToken ct)
    {
        var c = await work.LoadAsync(caller, id, "mediation.work", ct);
        var reason = WorkNames.Parse<WithdrawalReason>(r.Reason, "reason");
        var note = Note(r.Note, reason == WithdrawalReason.Other);
        var applicants = c.Parties.Where(p => p.Role == "applicant").ToList();
        string? by = null;
        if (r.PartyId is { } partyId)
            by = applicants.FirstOrDefault(p => p.Id == partyId)?.Id.ToString()
                ?? throw DomainException.Invalid("partyId", $"{partyId} is not an applicant of case {c.Number}: only the applicant withdraws.");
        else if (applicants.Count > 0)
            throw DomainException.Invalid("partyId", $"Name the applicant who withdraws case {c.Number} (one of its applicant parties).");
        CaseWork.Require(c, "WithdrawOnlyBeforeAnOutcome", "a withdrawal", CaseState.Registered, CaseState.InMediation, CaseState.Referred);
        End(c, caller, "withdraw", CaseState.Withdrawn, WorkNames.Of(reason) + (by is null ? "" : $" by applicant {by}"), note,
            new DisputeWithdrawn(c.Id, c.Number, WorkNames.Of(c.Level), WorkNames.Of(reason), c.OrgPath, work.Now, c.IncidentId));
        await work.SaveAsync(c, ct);
        return c;
    }

    private void End(DisputeCase c, Caller caller, string action, CaseState to, string reason, string? note, object integrationEvent)
    {
        (c.LevelDueAt, c.ReferredToBodyId) = (null, null);
        work.Record(c, caller, action, to, note is null ? reason : $"{reason}: {note}", integrationEvent);
    }

    private static string? Note(string? note, bool required)
    {
        if (string.IsNullOrWhiteSpace(note))
            return required ? throw DomainException.Invalid("note", "With the reason 'other', say what the reason is in the note.") : null;
        return note.Length <= TextLimits.Note ? note.Trim() : throw DomainException.Invalid("note", $"The note is at most {TextLimits.Note} characters.");
    }
}
