using Governance.Contracts.Grid;
using Governance.Grid.Data;
using Governance.Grid.Departments;
using Governance.Grid.Incidents;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;
using static Governance.Grid.Incidents.IncidentInput;

namespace Governance.Grid.Dispatch;

/// <summary>
/// The centre's dispatch and the departments' answers to it. A dispatch names one lead department
/// (主办) and optional assisting ones (协办); each gets the incident, accepts it and feeds back on its
/// own part. The incident's state follows the lead: its feedback makes the incident handled and
/// ready for verification, whatever the assisting departments have done (their feedback is shown on
/// the timeline and in the parts, not waited for). A department that finds the incident is not its
/// own returns it (退单) with a reason: the lead's return sends it back to the centre, which
/// re-dispatches it (改派) to another department; an assisting department's return ends its part only.
/// Each department acts only on its own part.
/// </summary>
public sealed class DepartmentSteps(IncidentLedger ledger, RolePermissions permissions, DispatchTargets targets)
{
    /// <summary>At most this many assisting departments on one dispatch.</summary>
    public const int MaxAssisting = 10;

    private GridDb Db => ledger.Db;

    public async Task<Incident> DispatchAsync(Caller caller, Guid id, DispatchOrder order, CancellationToken ct)
    {
        var incident = await ledger.LoadAsync(id, ct);
        await EnsureAsync(caller, "incident.dispatch", incident.ResponsibleOrgPath, ct);
        IncidentWorkflow.Require(incident, IncidentState.Registered, "DispatchNeedsRegisteredIncident", "dispatched");
        return await SendAsync(caller, incident, order, "dispatch", ct);
    }

    /// <summary>改派: a returned incident goes to another lead department.</summary>
    public async Task<Incident> RedispatchAsync(Caller caller, Guid id, DispatchOrder order, CancellationToken ct)
    {
        var incident = await ledger.LoadAsync(id, ct);
        await EnsureAsync(caller, "incident.dispatch", incident.ResponsibleOrgPath, ct);
        IncidentWorkflow.Require(incident, IncidentState.Returned, "RedispatchNeedsReturnedIncident", "re-dispatched");
        var returnedBy = await Db.IncidentParts.Where(p => p.IncidentId == id && p.Role == PartRole.Lead && p.State == PartState.Returned)
            .OrderByDescending(p => p.Round).Select(p => p.DepartmentId).FirstOrDefaultAsync(ct);
        if (order.DepartmentId == returnedBy)
            throw DomainException.RuleViolated("RedispatchNeedsAnotherDepartment",
                $"Incident {incident.Number} was returned by that department as not its own: re-dispatch it to another department.");
        return await SendAsync(caller, incident, order, "redispatch", ct);
    }

    public async Task<Incident> AcceptAsync(Caller caller, Guid id, string? note, CancellationToken ct)
    {
        var incident = await ledger.LoadAsync(id, ct);
        await EnsureAsync(caller, "incident.accept", incident.OrgPath, ct);
        if (await AssistingPartAsync(caller, incident, ct) is { } part)
        {
            RequirePart(incident, part, PartState.Dispatched, "AcceptNeedsDispatchedPart", "accepted");
            (part.State, part.AcceptedAt, part.HandlerId) = (PartState.Accepted, ledger.Now, caller.Subject);
            ledger.Note(incident, caller.Subject, "assist-accept", Note(note));
            return await SaveAsync(incident, ct);
        }
        var lead = await LeadPartAsync(caller, incident, ct);
        IncidentWorkflow.Require(incident, IncidentState.Dispatched, "AcceptNeedsDispatchedIncident", "accepted");
        incident.HandlerId = caller.Subject;
        if (lead is not null) (lead.State, lead.AcceptedAt, lead.HandlerId) = (PartState.Accepted, ledger.Now, caller.Subject);
        ledger.Move(incident, caller.Subject, "accept", IncidentState.Accepted, Note(note));
        await ledger.StartStepAsync(incident, ct);
        return await SaveAsync(incident, ct);
    }

    /// <summary>The department reports the work done (处置反馈), with what it did and its evidence.</summary>
    public async Task<Incident> SubmitFeedbackAsync(Caller caller, Guid id, string? note, IReadOnlyList<Attachment>? attachments, CancellationToken ct)
    {
        var incident = await ledger.LoadAsync(id, ct);
        await EnsureAsync(caller, "incident.handle", incident.OrgPath, ct);
        var text = Note(note, "note", required: true);
        var attached = Attachments(attachments);
        if (await AssistingPartAsync(caller, incident, ct) is { } part)
        {
            RequirePart(incident, part, PartState.Accepted, "FeedbackNeedsAcceptedPart", "fed back on");
            (part.State, part.HandledAt, part.Note) = (PartState.Handled, ledger.Now, text);
            ledger.Note(incident, caller.Subject, "assist-feedback", text, attached);
            return await SaveAsync(incident, ct);
        }
        var lead = await LeadPartAsync(caller, incident, ct);
        IncidentWorkflow.Require(incident, IncidentState.Accepted, "FeedbackNeedsAcceptedIncident", "handled");
        if (lead is not null) (lead.State, lead.HandledAt, lead.Note) = (PartState.Handled, ledger.Now, text);
        ledger.Move(incident, caller.Subject, "feedback", IncidentState.Handled, text, attached);
        incident.ExtensionRequestedUntil = null;
        await ledger.StartStepAsync(incident, ct);
        return await SaveAsync(incident, ct);
    }

    /// <summary>
    /// 退单: the department says the incident is not its own, with a reason, before it has fed back.
    /// Needs <c>incident.accept</c> (returning is the other answer to a dispatch).
    /// </summary>
    public async Task<Incident> ReturnAsync(Caller caller, Guid id, string? reason, CancellationToken ct)
    {
        var incident = await ledger.LoadAsync(id, ct);
        await EnsureAsync(caller, "incident.accept", incident.OrgPath, ct);
        var why = Note(reason, "reason", required: true);
        var now = ledger.Now;
        if (await AssistingPartAsync(caller, incident, ct) is { } part)
        {
            if (!part.IsOpen || IncidentCoordination.IsEnded(incident))
                throw DomainException.RuleViolated("ReturnNeedsOpenPart",
                    $"Only a part not yet fed back on can be returned; your part of incident {incident.Number} is {Name(part.State)}.");
            (part.State, part.ReturnedAt, part.Note) = (PartState.Returned, now, why);
            ledger.Note(incident, caller.Subject, "assist-return", why);
            Db.AddToOutbox(new IncidentReturned(incident.Id, incident.Number, part.DepartmentId, "assisting", part.Round, incident.OrgPath, now), incident.Id.ToString());
            return await SaveAsync(incident, ct);
        }
        var lead = await LeadPartAsync(caller, incident, ct);
        if (incident.State is not (IncidentState.Dispatched or IncidentState.Accepted))
            throw DomainException.RuleViolated("ReturnNeedsDispatchedOrAcceptedIncident",
                $"Only a dispatched or accepted incident can be returned; incident {incident.Number} is {IncidentLedger.Name(incident.State)}.");
        var department = incident.DepartmentId!;
        var round = lead?.Round ?? 1;
        if (lead is not null) (lead.State, lead.ReturnedAt, lead.Note) = (PartState.Returned, now, why);
        // The dispatch is void: the assisting departments' open parts end with it, and the centre has it again.
        foreach (var other in await Db.IncidentParts.Where(p => p.IncidentId == id && p.Role == PartRole.Assisting && p.Round == round).ToListAsync(ct))
            if (other.IsOpen) other.State = PartState.Withdrawn;
        (incident.DepartmentId, incident.HandlerId, incident.ExtensionRequestedUntil) = (null, null, null);
        ledger.Move(incident, caller.Subject, "return", IncidentState.Returned, why);
        Db.AddToOutbox(new IncidentReturned(incident.Id, incident.Number, department, "lead", round, incident.OrgPath, now), incident.Id.ToString());
        await ledger.StartStepAsync(incident, ct);
        return await SaveAsync(incident, ct);
    }

    private async Task<Incident> SendAsync(Caller caller, Incident incident, DispatchOrder order, string action, CancellationToken ct)
    {
        var lead = await targets.RequireAsync(order.DepartmentId, "departmentId", incident.OrgPath, ct);
        var assisting = order.AssistingDepartmentIds ?? [];
        if (assisting.Count > MaxAssisting)
            throw DomainException.Invalid("assistingDepartmentIds", $"At most {MaxAssisting} assisting departments on one dispatch.");
        for (var i = 0; i < assisting.Count; i++)
        {
            var field = $"assistingDepartmentIds[{i}]";
            if (assisting[i] == lead.DepartmentId) throw DomainException.Invalid(field, "The lead department is not also one of the assisting ones.");
            if (assisting.Take(i).Contains(assisting[i])) throw DomainException.Invalid(field, $"The department '{assisting[i]}' is named twice.");
            await targets.RequireAsync(assisting[i], field, incident.OrgPath, ct);
        }
        var handler = string.IsNullOrWhiteSpace(order.HandlerId) ? null
            : order.HandlerId.Length <= 64 ? order.HandlerId : throw DomainException.Invalid("handlerId", "The handler id must be at most 64 characters.");
        var note = Note(order.Note);

        // Whatever is left open of earlier dispatches (after a rework) ends: this dispatch replaces them.
        var earlier = await Db.IncidentParts.Where(p => p.IncidentId == incident.Id).ToListAsync(ct);
        foreach (var part in earlier.Where(p => p.IsOpen)) part.State = PartState.Withdrawn;
        var round = earlier.Count == 0 ? 1 : earlier.Max(p => p.Round) + 1;

        (incident.DepartmentId, incident.HandlerId) = (lead.DepartmentId, handler);
        ledger.Move(incident, caller.Subject, action, IncidentState.Dispatched, note);
        await ledger.StartStepAsync(incident, ct);
        var now = ledger.Now;
        Db.IncidentParts.Add(new IncidentPart { IncidentId = incident.Id, DepartmentId = lead.DepartmentId, Role = PartRole.Lead, Round = round, DispatchedAt = now });
        foreach (var department in assisting)
            Db.IncidentParts.Add(new IncidentPart { IncidentId = incident.Id, DepartmentId = department, Role = PartRole.Assisting, Round = round, DispatchedAt = now });
        Db.AddToOutbox(new IncidentDispatched(incident.Id, incident.Number, lead.DepartmentId, incident.Category, UrgencyName(incident.Urgency),
            incident.OrgPath, incident.StepDueAt!.Value, incident.Reworks, now, round, [.. assisting]), incident.Id.ToString());
        return await SaveAsync(incident, ct);
    }

    /// <summary>The caller's department's open assisting part of the incident, if it has one.</summary>
    private async Task<IncidentPart?> AssistingPartAsync(Caller caller, Incident incident, CancellationToken ct)
    {
        if (caller.Department is not { } department || department == incident.DepartmentId) return null;
        return await Db.IncidentParts.Where(p => p.IncidentId == incident.Id && p.DepartmentId == department && p.Role == PartRole.Assisting
                && p.State != PartState.Withdrawn && p.State != PartState.Returned)
            .OrderByDescending(p => p.Round).FirstOrDefaultAsync(ct);
    }

    /// <summary>The lead's part of the running dispatch; refuses anyone but the lead department. Null for an incident dispatched before parts were kept.</summary>
    private async Task<IncidentPart?> LeadPartAsync(Caller caller, Incident incident, CancellationToken ct)
    {
        if (incident.DepartmentId is null || caller.Department != incident.DepartmentId)
            throw DomainException.Forbidden($"Incident {incident.Number} is not dispatched to your department.");
        return await Db.IncidentParts.Where(p => p.IncidentId == incident.Id && p.Role == PartRole.Lead && p.DepartmentId == incident.DepartmentId)
            .OrderByDescending(p => p.Round).FirstOrDefaultAsync(ct);
    }

    private static void RequirePart(Incident incident, IncidentPart part, PartState state, string rule, string verb)
    {
        if (IncidentCoordination.IsEnded(incident))
            throw DomainException.RuleViolated("AssistNeedsOpenIncident", $"Incident {incident.Number} is {IncidentLedger.Name(incident.State)}: its assisting parts are over.");
        if (part.State != state)
            throw DomainException.RuleViolated(rule, $"Only a {Name(state)} part can be {verb}; your part of incident {incident.Number} is {Name(part.State)}.");
    }

    private static string Name(PartState state) => state.ToString().ToLowerInvariant();

    private Task EnsureAsync(Caller caller, string permission, string orgPath, CancellationToken ct) =>
        permissions.EnsurePermittedAsync(caller, permission, OrgPath.Parse(orgPath), ct);

    private async Task<Incident> SaveAsync(Incident incident, CancellationToken ct)
    {
        // A concurrent step on the same incident (its version) or the same dispatch round (the parts' unique index) loses cleanly.
        await Db.SaveOrConflictAsync(() => DomainException.RuleViolated("IncidentChangedMeanwhile",
            $"Incident {incident.Number} was changed by someone else meanwhile; reload it and try again."), ct: ct);
        return incident;
    }
}
