using Governance.Contracts.Grid;
using Governance.Grid.Data;
using Governance.Grid.Rules;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.Incidents;

/// <summary>
/// What every step of the loop shares: loading an incident, writing its timeline line and its
/// <see cref="IncidentTransitioned"/> event with the state change, starting the next step's clock,
/// and saving all of it in one SaveChanges (a concurrent step on the same incident loses cleanly).
/// </summary>
public sealed class IncidentLedger(GridDb db, TimeProvider clock, StepDeadlines deadlines)
{
    /// <summary>A step's yellow warning comes when this share of its time has gone.</summary>
    public const double WarnAtShare = 0.8;

    public GridDb Db => db;
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Incident> LoadAsync(Guid id, CancellationToken ct) =>
        await db.Incidents.FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw DomainException.NotFound($"No incident {id}.");

    /// <summary>Moves <paramref name="incident"/> to <paramref name="to"/>, recording who, what and why.</summary>
    public void Move(Incident incident, string actor, string action, IncidentState to, string? note = null, string? attachments = null)
    {
        var from = incident.State;
        var now = Now;
        db.IncidentSteps.Add(new IncidentStep
        {
            IncidentId = incident.Id, At = now, Actor = actor, Action = action, FromState = Name(from), ToState = Name(to), Note = note, Attachments = attachments,
        });
        incident.State = to;
        Touch(incident);
        db.AddToOutbox(new IncidentTransitioned(incident.Id, incident.Number, action, Name(from), Name(to), incident.OrgPath, now), incident.Id.ToString());
    }

    /// <summary>A timeline line that changes no state (an extension asked for, an escalation, an assisting department's step).</summary>
    public void Note(Incident incident, string actor, string action, string? note, string? attachments = null)
    {
        db.IncidentSteps.Add(new IncidentStep
        {
            IncidentId = incident.Id, At = Now, Actor = actor, Action = action, FromState = Name(incident.State), ToState = Name(incident.State), Note = note,
            Attachments = attachments,
        });
        Touch(incident);
        db.AddToOutbox(new IncidentTransitioned(incident.Id, incident.Number, action, Name(incident.State), Name(incident.State), incident.OrgPath, Now), incident.Id.ToString());
    }

    /// <summary>Starts the clock of the step the incident's state calls for (none once nothing is due), by the rules in effect now.</summary>
    public async Task StartStepAsync(Incident incident, CancellationToken ct)
    {
        var step = StepOf(incident.State);
        incident.Step = step;
        incident.Warning = "none";
        if (step is null)
        {
            (incident.StepDueAt, incident.StepWarnAt) = (null, null);
            return;
        }
        var deadline = await deadlines.ForAsync(incident, step, Now, WarnAtShare, ct);
        (incident.StepDueAt, incident.StepWarnAt, incident.RulesVersion) = (deadline.DueAt, deadline.WarnAt, deadline.RulesVersion);
    }

    public async Task SaveAsync(Incident incident, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw DomainException.RuleViolated("IncidentChangedMeanwhile",
                $"Incident {incident.Number} was changed by someone else meanwhile; reload it and try again.");
        }
    }

    /// <summary>The step an incident in <paramref name="state"/> waits for, with a deadline.</summary>
    public static string? StepOf(IncidentState state) => state switch
    {
        IncidentState.Reported => "register",
        IncidentState.Registered or IncidentState.Returned => "dispatch",
        IncidentState.Dispatched => "accept",
        IncidentState.Accepted => "handle",
        IncidentState.Handled => "verify",
        _ => null,
    };

    public static string Name(IncidentState state) => state.ToString().ToLowerInvariant();

    private void Touch(Incident incident)
    {
        incident.UpdatedAt = Now;
        incident.Version = Guid.NewGuid();
    }
}
