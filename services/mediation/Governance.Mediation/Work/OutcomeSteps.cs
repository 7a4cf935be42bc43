using Governance.Contracts.Mediation;
using Governance.Mediation.Cases;
using Governance.Mediation.Data;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Mediation.Work;

/// <summary>
/// A case's outcome: an agreement every party confirmed (Settled), a partial one (PartiallySettled),
/// or a failure pointing the parties to arbitration, litigation or an administrative route (Failed).
/// </summary>
public sealed class OutcomeSteps(CaseWork work, Levels.CaseEscalation escalation)
{
    public async Task<DisputeCase> RecordAsync(Caller caller, Guid id, OutcomeRequest r, CancellationToken ct)
    {
        var c = await work.LoadAsync(caller, id, "mediation.work", ct);
        CaseWork.Require(c, "OutcomeOnlyWhileInMediation", "recording an outcome", CaseState.InMediation);
        if (!await work.Db.Set<MediationSession>().AnyAsync(s => s.CaseId == c.Id, ct))
            throw DomainException.RuleViolated("OutcomeNeedsASessionFirst", $"Case {c.Number} has no mediation session yet; record one before its outcome.");
        var kind = WorkNames.Parse<OutcomeKind>(r.Kind, "kind");
        r = r with { Note = TextLimits.Optional(r.Note, "note", TextLimits.OutcomeNote) };
        var mediator = c.MediatorId is { } mid ? await work.Db.Mediators.Where(m => m.Id == mid).Select(m => m.Name).FirstOrDefaultAsync(ct) : null;
        var level = WorkNames.Of(c.Level);
        if (kind == OutcomeKind.Failed)
        {
            var to = WorkNames.Parse<FailureReferral>(r.ReferredTo, "referredTo");
            // Below the county a failure is not the end: the case goes up a level, in this same commit,
            // and the history says why; the next level records the case's outcome. At the county the
            // parties take the route they were pointed to, and that is the case's outcome.
            var escalates = c.Level < MediationLevel.County;
            if (!escalates)
                work.Db.Add(new CaseOutcome
                {
                    CaseId = c.Id, Kind = kind, ReferredTo = to, Note = r.Note, MediatorName = mediator ?? caller.Subject, RecordedBy = caller.Subject, RecordedAt = work.Now,
                });
            work.Record(c, caller, "failed", CaseState.Failed, $"referred to {WorkNames.Of(to)}{(r.Note is null ? "" : ": " + r.Note)}",
                new DisputeMediationFailed(c.Id, c.Number, level, WorkNames.Of(to), c.OrgPath, work.Now, c.IncidentId, escalates));
            if (escalates)
                await escalation.EscalateAsync(c, caller.Subject, $"mediation failed at the {level} level", ct);
            await work.SaveAsync(c, ct);
            return c;
        }

        var outcome = Agreement(c, caller, kind, mediator, r);
        work.Db.Add(outcome);
        c.SettledAt = work.Now;
        var partial = kind == OutcomeKind.Partial;
        work.Record(c, caller, partial ? "partially_settled" : "settled", partial ? CaseState.PartiallySettled : CaseState.Settled, r.Note,
            new DisputeSettled(c.Id, c.Number, level, partial, outcome.Total, c.OrgPath, work.Now, c.IncidentId));
        await work.SaveAsync(c, ct);
        return c;
    }

    private CaseOutcome Agreement(DisputeCase c, Caller caller, OutcomeKind kind, string? mediator, OutcomeRequest r)
    {
        if (string.IsNullOrWhiteSpace(r.Terms) || r.Terms.Length > TextLimits.Terms)
            throw DomainException.Invalid("terms", "An agreement states its terms, at most 4,000 characters.");
        var deadline = r.PerformanceDeadline ?? throw DomainException.Invalid("performanceDeadline", "An agreement sets a performance deadline.");
        if (deadline < DateOnly.FromDateTime(work.Now))
            throw DomainException.Invalid("performanceDeadline", "The performance deadline must not be in the past.");
        if (r.Amounts is { Count: > AgreementBounds.MaxAmounts })
            throw DomainException.Invalid("amounts", $"An agreement lists at most {AgreementBounds.MaxAmounts} amounts.");
        var amounts = (r.Amounts ?? []).Select((a, i) => new AgreementAmount
        {
            CaseId = c.Id,
            Description = a is null || string.IsNullOrWhiteSpace(a.Description) || a.Description.Length > TextLimits.AmountDescription
                ? throw DomainException.Invalid($"amounts[{i}].description", "Each amount says what it is for, at most 200 characters.")
                : a.Description.Trim(),
            Amount = AgreementBounds.Amount(a.Amount, $"amounts[{i}].amount"),
        }).ToList();
        AgreementBounds.Total(amounts.Sum(a => a.Amount), "amounts");
        var confirmations = Confirmations(c, r.Confirmations);
        return new CaseOutcome
        {
            CaseId = c.Id, Kind = kind, Terms = r.Terms.Trim(), PerformanceDeadline = deadline, Note = r.Note,
            MediatorName = mediator ?? caller.Subject, RecordedBy = caller.Subject, RecordedAt = work.Now, Amounts = amounts,
            Confirmations = confirmations.Select(x => new PartyConfirmation
            {
                CaseId = c.Id, PartyId = x.PartyId, Method = x.Method, ConfirmedAt = x.At, RecordedBy = caller.Subject,
            }).ToList(),
        };
    }

    /// <summary>
    /// An agreement binds a dispute between at least two parties, and only once every one of them
    /// confirmed it: who (the party), when, and how (their signature on the paper agreement, which the
    /// mediator records, or in person before the mediator). Each party exactly once.
    /// </summary>
    private List<(Guid PartyId, ConfirmationMethod Method, DateTime At)> Confirmations(DisputeCase c, IReadOnlyList<ConfirmationRequest>? given)
    {
        if (c.Parties.Count < 2)
            throw DomainException.RuleViolated("AgreementNeedsTwoParties",
                $"Case {c.Number} names fewer than two parties ({c.Parties.Count}); an agreement settles a dispute between at least two.");
        var seen = new List<(Guid PartyId, ConfirmationMethod Method, DateTime At)>();
        foreach (var (x, i) in (given ?? []).Select((x, i) => (x, i)))
        {
            var field = $"confirmations[{i}]";
            var partyId = x?.PartyId ?? throw DomainException.Invalid($"{field}.partyId", "Name the party who confirmed the agreement.");
            if (c.Parties.All(p => p.Id != partyId)) throw DomainException.Invalid($"{field}.partyId", $"{partyId} is not a party to case {c.Number}.");
            if (seen.Any(s => s.PartyId == partyId)) throw DomainException.Invalid($"{field}.partyId", $"Party {partyId} is confirmed twice.");
            var method = WorkNames.Parse<ConfirmationMethod>(x.Method, $"{field}.method");
            var at = x.ConfirmedAt is { } t ? DateTime.SpecifyKind(t.ToUniversalTime(), DateTimeKind.Utc)
                : throw DomainException.Invalid($"{field}.confirmedAt", "Say when the party confirmed the agreement.");
            if (at > work.Now.AddMinutes(5) || at < c.CreatedAt)
                throw DomainException.Invalid($"{field}.confirmedAt", $"A confirmation lies between the case's registration ({c.CreatedAt:O}) and now.");
            seen.Add((partyId, method, at));
        }
        var missing = c.Parties.Where(p => seen.All(s => s.PartyId != p.Id)).Select(p => p.Name).ToList();
        if (missing.Count > 0)
            throw DomainException.RuleViolated("AgreementNeedsEveryPartysConfirmation",
                $"An agreement binds only when every party confirms it; not yet confirmed by: {string.Join("、", missing)}.");
        return seen;
    }
}
