using Governance.Mediation.Cases;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;
using Governance.Mediation.Data;

namespace Governance.Mediation.Work;

/// <summary>Assigning a body and mediator, and recording sessions: the steps before an outcome.</summary>
public sealed class MediationSteps(CaseWork work)
{
    public async Task<DisputeCase> AssignAsync(Caller caller, Guid id, AssignRequest r, CancellationToken ct)
    {
        var c = await work.LoadAsync(caller, id, "mediation.work", ct);
        CaseWork.Require(c, "OnlyARegisteredCaseIsAssigned", "assigning a mediator", CaseState.Registered);
        // Parties are fixed once mediation starts, and an agreement needs two: a case that named fewer
        // (a grid hand-over arrives with none) is completed first.
        if (c.Parties.Count < 2)
            throw DomainException.RuleViolated("MediationNeedsTwoParties",
                $"Case {c.Number} names fewer than two parties ({c.Parties.Count}); add the parties (POST …/parties) before mediation starts.");
        var note = TextLimits.Optional(r.Note, "note", TextLimits.Note);
        var bodyId = r.BodyId ?? throw DomainException.Invalid("bodyId", "Name the body that mediates.");
        var mediatorId = r.MediatorId ?? throw DomainException.Invalid("mediatorId", "Name the mediator.");
        var body = await work.Db.Bodies.FirstOrDefaultAsync(b => b.Id == bodyId, ct) ?? throw DomainException.NotFound($"No mediation body {bodyId}.");
        var serves = body.Active && body.Level == c.Level
            && OrgPath.Parse(c.ResponsibleOrgPath).IsWithin(OrgPath.Parse(body.OrgPath));
        if (!serves)
            throw DomainException.RuleViolated("BodyMustServeTheCasesLevelAndOrg",
                $"Body '{body.Name}' ({WorkNames.Of(body.Level)}, {body.OrgPath}) does not serve case {c.Number} at {WorkNames.Of(c.Level)} level in {c.ResponsibleOrgPath}.");
        var mediator = await work.Db.Mediators.FirstOrDefaultAsync(m => m.Id == mediatorId, ct) ?? throw DomainException.NotFound($"No mediator {mediatorId}.");
        if (mediator.BodyId != body.Id || !mediator.Active)
            throw DomainException.RuleViolated("MediatorMustBeActiveInTheBody", $"Mediator {mediator.Name} is not an active mediator of '{body.Name}'.");
        c.BodyId = body.Id;
        c.MediatorId = mediator.Id;
        work.Record(c, caller, "assign", CaseState.InMediation, $"{body.Name} / {mediator.Name}{(note is null ? "" : ": " + note)}");
        await work.SaveAsync(c, ct);
        return c;
    }

    public async Task<MediationSession> AddSessionAsync(Caller caller, Guid id, SessionRequest r, CancellationToken ct)
    {
        var c = await work.LoadAsync(caller, id, "mediation.work", ct);
        CaseWork.Require(c, "SessionsOnlyWhileInMediation", "recording a session", CaseState.InMediation);
        var heldAt = r.HeldAt ?? throw DomainException.Invalid("heldAt", "Say when the session was held.");
        if (string.IsNullOrWhiteSpace(r.Place) == string.IsNullOrWhiteSpace(r.RemoteLink))
            throw DomainException.Invalid("place", "Give either the place of the session or its remote link, not both.");
        var place = TextLimits.Optional(r.Place, "place", TextLimits.SessionPlace);
        var remoteLink = TextLimits.Optional(r.RemoteLink, "remoteLink", TextLimits.RemoteLink);
        if (remoteLink is { } link && !(Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            throw DomainException.Invalid("remoteLink", "The remote link must be an http(s) address.");
        var participants = (r.Participants ?? []).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        if (participants.Count == 0) throw DomainException.Invalid("participants", "Name who took part.");
        if (string.IsNullOrWhiteSpace(r.Minutes) || r.Minutes.Length > TextLimits.Minutes)
            throw DomainException.Invalid("minutes", "The minutes are required, at most 4,000 characters.");
        var session = new MediationSession
        {
            CaseId = c.Id, HeldAt = DateTime.SpecifyKind(heldAt.ToUniversalTime(), DateTimeKind.Utc), Place = place, RemoteLink = remoteLink,
            Participants = Limit(string.Join("、", participants), "participants", TextLimits.Participants), Minutes = r.Minutes.Trim(), RecordedBy = caller.Subject, RecordedAt = work.Now,
        };
        work.Db.Add(session);
        work.Record(c, caller, "session", c.State, session.Place ?? session.RemoteLink);
        await work.SaveAsync(c, ct);
        return session;
    }

    private static string Limit(string value, string field, int max) =>
        value.Length <= max ? value : throw DomainException.Invalid(field, $"'{field}' must be at most {max} characters.");
}
