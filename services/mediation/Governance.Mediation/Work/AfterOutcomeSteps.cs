using Governance.Contracts.Mediation;
using Governance.Mediation.Cases;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;
using Governance.Mediation.Data;

namespace Governance.Mediation.Work;

/// <summary>After the outcome: tracking the agreement's performance, the follow-up visit that closes the case, and a request for judicial confirmation.</summary>
public sealed class AfterOutcomeSteps(CaseWork work)
{
    /// <summary>Courts accept a request for judicial confirmation within 30 days of the agreement taking effect.</summary>
    public const int JudicialConfirmationDays = 30;

    public async Task<DisputeCase> TrackPerformanceAsync(Caller caller, Guid id, PerformanceRequest r, CancellationToken ct)
    {
        var c = await work.LoadAsync(caller, id, "mediation.work", ct);
        CaseWork.Require(c, "PerformanceTrackedOnlyForAnAgreement", "tracking performance", CaseState.Settled, CaseState.PartiallySettled);
        var status = WorkNames.Parse<PerformanceStatus>(r.Status, "status");
        var on = r.On ?? throw DomainException.Invalid("on", "Say on which date performance was checked.");
        var note = TextLimits.Optional(r.Note, "note", TextLimits.Note);
        if (on > DateOnly.FromDateTime(work.Now)) throw DomainException.Invalid("on", "Performance cannot be checked on a future date.");
        work.Db.Add(new PerformanceCheck { CaseId = c.Id, Status = status, CheckedOn = on, Note = note, RecordedBy = caller.Subject });
        work.Record(c, caller, "performance", c.State, $"{WorkNames.Of(status)} on {on:yyyy-MM-dd}{(note is null ? "" : ": " + note)}");
        await work.SaveAsync(c, ct);
        return c;
    }

    public async Task<DisputeCase> FollowUpAsync(Caller caller, Guid id, FollowUpRequest r, CancellationToken ct)
    {
        var c = await work.LoadAsync(caller, id, "mediation.work", ct);
        CaseWork.Require(c, "FollowUpOnlyAfterAnOutcome", "a follow-up visit", CaseState.Settled, CaseState.PartiallySettled, CaseState.Failed);
        var satisfaction = r.Satisfaction is >= 1 and <= 5 ? r.Satisfaction.Value
            : throw DomainException.Invalid("satisfaction", "Satisfaction is a whole number from 1 (very dissatisfied) to 5 (very satisfied).");
        var on = r.VisitedOn ?? DateOnly.FromDateTime(work.Now);
        var comment = TextLimits.Optional(r.Comment, "comment", TextLimits.Note);
        work.Db.Add(new FollowUp { CaseId = c.Id, VisitedOn = on, Satisfaction = satisfaction, Comment = comment, RecordedBy = caller.Subject });
        work.Record(c, caller, "follow_up", CaseState.Closed, $"satisfaction {satisfaction}{(comment is null ? "" : ": " + comment)}",
            new DisputeFollowUpDone(c.Id, c.Number, satisfaction, c.OrgPath, work.Now, c.IncidentId));
        await work.SaveAsync(c, ct);
        return c;
    }

    public async Task<DisputeCase> RequestJudicialConfirmationAsync(Caller caller, Guid id, JudicialConfirmationRequestBody r, CancellationToken ct)
    {
        var c = await work.LoadAsync(caller, id, "mediation.work", ct);
        var outcome = await work.Db.Set<CaseOutcome>().AsNoTracking().FirstOrDefaultAsync(o => o.CaseId == c.Id, ct);
        if (outcome is null || outcome.Kind == OutcomeKind.Failed)
            throw DomainException.RuleViolated("JudicialConfirmationNeedsAnAgreement", $"Case {c.Number} has no mediation agreement for a court to confirm.");
        if (await work.Db.Set<JudicialConfirmationRequest>().AnyAsync(j => j.CaseId == c.Id, ct))
            throw DomainException.RuleViolated("JudicialConfirmationRequestedOnce", $"Judicial confirmation of case {c.Number} was requested already.");
        var on = r.RequestedOn ?? DateOnly.FromDateTime(work.Now);
        if (on > DateOnly.FromDateTime(outcome.RecordedAt).AddDays(JudicialConfirmationDays))
            throw DomainException.RuleViolated("JudicialConfirmationWithin30Days",
                $"Judicial confirmation must be requested within {JudicialConfirmationDays} days of the agreement ({outcome.RecordedAt:yyyy-MM-dd}).");
        var court = string.IsNullOrWhiteSpace(r.Court) || r.Court.Length > TextLimits.Court
            ? throw DomainException.Invalid("court", "Name the court asked to confirm the agreement (at most 100 characters).") : r.Court.Trim();
        work.Db.Add(new JudicialConfirmationRequest { CaseId = c.Id, RequestedOn = on, Court = court, Note = TextLimits.Optional(r.Note, "note", TextLimits.Note), RecordedBy = caller.Subject });
        work.Record(c, caller, "judicial_confirmation_requested", c.State, court);
        await work.SaveAsync(c, ct);
        return c;
    }
}
