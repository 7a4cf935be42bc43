using Governance.Mediation.Cases;
using Governance.Mediation.Data;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Mediation.Work;

/// <summary>
/// What every work step shares: loading a case the caller may work on, writing its history line
/// (and its event, when the step has one) with the state change, and saving all of it in one
/// SaveChanges; a concurrent step on the same case loses on the case's version.
/// </summary>
public sealed class CaseWork(MediationDb db, RolePermissions permissions, TimeProvider clock)
{
    public MediationDb Db => db;
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The case with its parties, when <paramref name="caller"/> holds <paramref name="permission"/> on its responsible org node.</summary>
    public async Task<DisputeCase> LoadAsync(Caller caller, Guid id, string permission, CancellationToken ct)
    {
        var c = await db.Cases.Include(x => x.Parties).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !caller.MayActOn(OrgPath.Parse(c.ResponsibleOrgPath)))
            throw DomainException.NotFound($"No dispute case {id} within your reach.");
        await permissions.EnsurePermittedAsync(caller, permission, OrgPath.Parse(c.ResponsibleOrgPath), ct);
        return c;
    }

    /// <summary>Refuses the step under <paramref name="rule"/> unless the case is in one of <paramref name="states"/>.</summary>
    public static void Require(DisputeCase c, string rule, string step, params CaseState[] states)
    {
        if (!states.Contains(c.State))
            throw DomainException.RuleViolated(rule,
                $"Case {c.Number} is {WorkNames.Of(c.State)}; {step} needs it {string.Join(" or ", states.Select(s => WorkNames.Of(s)))}.");
    }

    /// <summary>A history line for <paramref name="action"/>, moving the case to <paramref name="to"/> (or keeping its state), and an event if given.</summary>
    public void Record(DisputeCase c, Caller caller, string action, CaseState to, string? note, object? integrationEvent = null)
    {
        db.CaseSteps.Add(new CaseStep
        {
            CaseId = c.Id, At = Now, Actor = caller.Subject, Action = action, FromState = WorkNames.Of(c.State), ToState = WorkNames.Of(to),
            // Every part of a note is bounded at the interface, so the composed line fits; the cut only guards a future step that forgets.
            Note = note is { Length: > TextLimits.StepNote } ? note[..TextLimits.StepNote] : note,
        });
        c.State = to;
        c.UpdatedAt = Now;
        c.Version = Guid.NewGuid();
        if (integrationEvent is not null) db.AddToOutbox(integrationEvent, c.Id.ToString());
    }

    public async Task SaveAsync(DisputeCase c, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw DomainException.RuleViolated("CaseChangedMeanwhile", $"Case {c.Number} was changed by someone else meanwhile; reload it and try again.");
        }
    }
}
