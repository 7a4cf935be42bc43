using Governance.Contracts.Grid;
using Governance.Grid.Data;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;
using static Governance.Grid.Incidents.IncidentInput;

namespace Governance.Grid.Incidents;

/// <summary>
/// The steps around the loop: extensions (asked by the department, decided by the responsible
/// centre's supervisor), escalation up the org tree, merging duplicates, and handing a dispute
/// over to mediation.
/// </summary>
public sealed class IncidentCoordination(IncidentLedger ledger, RolePermissions permissions)
{
    private GridDb Db => ledger.Db;

    public async Task<Incident> RequestExtensionAsync(Caller caller, Guid id, DateTime? until, string? reason, CancellationToken ct)
    {
        var incident = await ledger.LoadAsync(id, ct);
        await permissions.EnsurePermittedAsync(caller, "incident.extension.request", OrgPath.Parse(incident.OrgPath), ct);
        if (incident.DepartmentId is null || caller.Department != incident.DepartmentId)
            throw DomainException.Forbidden($"Incident {incident.Number} is not dispatched to your department.");
        if (incident.State is not (IncidentState.Dispatched or IncidentState.Accepted))
            throw DomainException.RuleViolated("ExtensionNeedsRunningDepartmentStep",
                $"An extension is asked while the department accepts or handles an incident; incident {incident.Number} is {IncidentLedger.Name(incident.State)}.");
        if (incident.ExtensionRequestedUntil is not null)
            throw DomainException.RuleViolated("OneExtensionRequestAtATime", $"Incident {incident.Number} already has an extension request waiting for a decision.");
        if (until is not { } newDue || newDue.ToUniversalTime() <= incident.StepDueAt)
            throw DomainException.Invalid("until", $"Ask for a deadline later than the current one ({incident.StepDueAt:O}).");
        if (newDue.ToUniversalTime() > incident.StepDueAt!.Value.AddDays(30))
            throw DomainException.Invalid("until", "An extension is at most 30 days.");
        incident.ExtensionRequestedUntil = newDue.ToUniversalTime();
        ledger.Note(incident, caller.Subject, "extension-requested", $"until {incident.ExtensionRequestedUntil:O}: {Note(reason, "reason", required: true)}");
        await ledger.SaveAsync(incident, ct);
        return incident;
    }

    /// <summary>The dispatcher's supervisor (<c>incident.extension.approve</c> over the responsible centre) grants or refuses.</summary>
    public async Task<Incident> DecideExtensionAsync(Caller caller, Guid id, bool approve, string? note, CancellationToken ct)
    {
        var incident = await ledger.LoadAsync(id, ct);
        await permissions.EnsurePermittedAsync(caller, "incident.extension.approve", OrgPath.Parse(incident.ResponsibleOrgPath), ct);
        if (incident.ExtensionRequestedUntil is not { } until)
            throw DomainException.RuleViolated("DecisionNeedsPendingExtensionRequest", $"Incident {incident.Number} has no extension request to decide.");
        // Four eyes: whoever asked for the time (by its timeline line) does not grant or refuse it, whatever roles they hold.
        var requester = await Db.IncidentSteps.Where(s => s.IncidentId == id && s.Action == "extension-requested")
            .OrderByDescending(s => s.Id).Select(s => s.Actor).FirstOrDefaultAsync(ct);
        if (requester == caller.Subject)
            throw DomainException.RuleViolated("ExtensionDecidedByAnotherPerson",
                $"You asked for the extension of incident {incident.Number}: another supervisor decides it.");
        incident.ExtensionRequestedUntil = null;
        if (approve)
        {
            incident.Extensions++;
            var now = ledger.Now;
            incident.StepDueAt = until;
            incident.StepWarnAt = now + (until - now) * IncidentLedger.WarnAtShare;
            incident.Warning = "none";
        }
        ledger.Note(incident, caller.Subject, approve ? "extension-approved" : "extension-refused", Note(note));
        await ledger.SaveAsync(incident, ct);
        return incident;
    }

    /// <summary>The responsible centre passes the incident one level up (吹哨): by decision, or by a rule at a deadline.</summary>
    public async Task<Incident> EscalateAsync(Caller caller, Guid id, string? reason, CancellationToken ct)
    {
        var incident = await ledger.LoadAsync(id, ct);
        await permissions.EnsurePermittedAsync(caller, "incident.escalate", OrgPath.Parse(incident.ResponsibleOrgPath), ct);
        Escalate(incident, caller.Subject, Note(reason, "reason", required: true));
        await ledger.SaveAsync(incident, ct);
        return incident;
    }

    internal void Escalate(Incident incident, string actor, string reason)
    {
        if (IsEnded(incident))
            throw DomainException.RuleViolated("EscalateOnlyOpenIncident", $"Incident {incident.Number} is {IncidentLedger.Name(incident.State)}: nothing is left to escalate.");
        var from = incident.ResponsibleOrgPath;
        var cut = from.LastIndexOf('/');
        if (cut < 0) throw DomainException.RuleViolated("EscalateNeedsHigherCentre", $"{from} is the top of the org tree: there is no level above to escalate to.");
        incident.ResponsibleOrgPath = from[..cut];
        ledger.Note(incident, actor, "escalate", $"{from} → {incident.ResponsibleOrgPath}: {reason}");
        Db.AddToOutbox(new IncidentEscalated(incident.Id, incident.Number, from, incident.ResponsibleOrgPath, reason, ledger.Now), incident.Id.ToString());
    }

    /// <summary>Merges a duplicate into the incident it repeats; the duplicate's reporter follows the survivor from now on.</summary>
    public async Task<Incident> MergeAsync(Caller caller, Guid duplicateId, Guid intoId, CancellationToken ct)
    {
        if (duplicateId == intoId) throw DomainException.RuleViolated("MergeNotIntoItself", "An incident cannot be merged into itself.");
        var duplicate = await ledger.LoadAsync(duplicateId, ct);
        var into = await Db.Incidents.FirstOrDefaultAsync(i => i.Id == intoId, ct) ?? throw DomainException.Invalid("into", $"No incident {intoId}.");
        await permissions.EnsurePermittedAsync(caller, "incident.register", OrgPath.Parse(duplicate.ResponsibleOrgPath), ct);
        await permissions.EnsurePermittedAsync(caller, "incident.register", OrgPath.Parse(into.ResponsibleOrgPath), ct);
        // A later report of a dispute in mediation may join it; the handed-over incident itself stays with mediation.
        if (IsEnded(duplicate) || (IsEnded(into) && into.State != IncidentState.HandedOver))
            throw DomainException.RuleViolated("MergeOnlyOpenIncidents", $"Only open incidents are merged; {(IsEnded(duplicate) ? duplicate : into).Number} is ended.");
        if (duplicate.Category != into.Category)
            throw DomainException.RuleViolated("MergeNeedsSameCategory", $"Incidents {duplicate.Number} and {into.Number} are of different categories.");
        duplicate.MergedInto = into.Id;
        ledger.Move(duplicate, caller.Subject, "merge", IncidentState.Merged, $"merged into {into.Number}");
        ledger.Note(into, caller.Subject, "merge", $"{duplicate.Number} merged into this one");
        await ledger.StartStepAsync(duplicate, ct);
        await ledger.SaveAsync(duplicate, ct);
        return duplicate;
    }

    /// <summary>A registered dispute goes to mediation (矛盾纠纷 to the people's mediation committee) instead of a department.</summary>
    public async Task<Incident> HandOverDisputeAsync(Caller caller, Guid id, string? note, CancellationToken ct)
    {
        var incident = await ledger.LoadAsync(id, ct);
        await permissions.EnsurePermittedAsync(caller, "incident.dispatch", OrgPath.Parse(incident.ResponsibleOrgPath), ct);
        IncidentWorkflow.Require(incident, IncidentState.Registered, "HandOverNeedsRegisteredIncident", "handed over to mediation");
        if (!await Db.Categories.AnyAsync(c => c.Code == incident.Category && c.IsDispute, ct))
            throw DomainException.RuleViolated("HandOverNeedsDispute", $"Incident {incident.Number} is not in a dispute category: dispatch it to a department instead.");
        ledger.Move(incident, caller.Subject, "hand-over", IncidentState.HandedOver, Note(note));
        Db.AddToOutbox(new DisputeHandedOver(incident.Id, incident.Number, incident.GridCode, incident.OrgPath, incident.Category, ledger.Now), incident.Id.ToString());
        await ledger.StartStepAsync(incident, ct);
        await ledger.SaveAsync(incident, ct);
        return incident;
    }

    /// <summary>Past the grid's own steps: ended, or handed over (mediation carries it; MediationFollowing closes it when mediation ends).</summary>
    internal static bool IsEnded(Incident incident) =>
        incident.State is IncidentState.Rejected or IncidentState.Closed or IncidentState.Evaluated or IncidentState.Merged or IncidentState.HandedOver;
}
