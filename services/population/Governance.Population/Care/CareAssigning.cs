using Governance.Population.Data;
using Governance.Population.Persons;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Governance.Population.Care;

/// <summary>
/// Opening cases and (re)assigning their workers, with care-case.assign over the person's org (centre leaders).
/// The leader learns the case id and the assignment, nothing of what the worker records: the answers carry no
/// content, and the leader is refused every read of it like anyone who is not the assigned worker.
/// Population does not ask identity whether the worker holds a care worker's post there: a user id without
/// care-case.read over the case's org simply sees nothing of it.
/// </summary>
public sealed class CareAssigning(PopulationDb db, RolePermissions permissions, IOptions<CareOptions> options, TimeProvider clock)
{
    public async Task<AssignmentView> OpenAsync(Caller caller, OpenCaseRequest request, CancellationToken ct)
    {
        var category = request.Category is { } c && CareCategories.All.Contains(c) ? c
            : throw DomainException.Invalid("category", $"The category '{request.Category}' is not one of {string.Join(", ", CareCategories.All)}.");
        var worker = CareText.WorkerId(request.WorkerId);
        var interval = CareText.Interval(request.VisitIntervalDays) ?? options.Value.IntervalFor(category);
        var today = PersonNames.Today(clock);
        var openedOn = request.OpenedOn ?? today;
        if (openedOn > today) throw DomainException.Invalid("openedOn", "A case cannot be opened on a day still to come.");
        if (request.PersonId is not { } personId) throw DomainException.Invalid("personId", "Give the id of the registered person.");
        var person = await db.Persons.AsNoTracking().Where(p => p.Id == personId).Select(p => new { p.OrgPath }).FirstOrDefaultAsync(ct);
        if (person is null || !await permissions.IsPermittedAsync(caller, CarePermissions.Assign, OrgPath.Parse(person.OrgPath), ct))
            throw DomainException.Invalid("personId", $"No person {personId} within your reach.");
        if (await db.CareCases.AnyAsync(x => x.PersonId == personId && x.Category == category && x.ClosedOn == null, ct))
            throw AlreadyOpen(category);

        var now = clock.GetUtcNow();
        // The first visit is due on the day the case opens: a case starts by meeting the person.
        var careCase = new CareCase
        {
            Id = Guid.CreateVersion7(now), PersonId = personId, Category = category, OrgPath = person.OrgPath, OpenedOn = openedOn,
            OpenedBy = caller.Subject, WorkerId = worker, VisitIntervalDays = interval, NextVisitDue = openedOn,
        };
        var assignment = new CareAssignment { CaseId = careCase.Id, WorkerId = worker, AssignedBy = caller.Subject, AssignedAt = now.UtcDateTime };
        db.CareCases.Add(careCase);
        db.CareAssignments.Add(assignment);
        // No event: a care case never leaves this service (ARCHITECTURE, scope boundary).
        await db.SaveOrConflictAsync(() => AlreadyOpen(category), ct: ct);
        return new AssignmentView(careCase.Id, worker, assignment.AssignedAt);
    }

    /// <summary>Hands an open case to another worker, at once: the former worker reads it no more from this moment.</summary>
    public async Task<AssignmentView> ReassignAsync(Caller caller, Guid id, ReassignRequest request, CancellationToken ct)
    {
        var worker = CareText.WorkerId(request.WorkerId);
        var reason = CareText.Note(request.Reason, "reason", CareAssignment.MaxReasonLength, required: false);
        var careCase = await db.CareCases.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (careCase is null || !await permissions.IsPermittedAsync(caller, CarePermissions.Assign, OrgPath.Parse(careCase.OrgPath), ct))
            throw DomainException.NotFound($"No care case {id} within your reach.");
        if (careCase.ClosedOn is not null) throw DomainException.RuleViolated("ClosedCaseKeepsItsWorker", "The case is closed: its worker stays as it was.");
        if (careCase.WorkerId == worker) throw DomainException.Invalid("workerId", "The case is assigned to this worker already.");
        careCase.WorkerId = worker;
        careCase.Version++;
        var assignment = new CareAssignment
        {
            CaseId = careCase.Id, WorkerId = worker, AssignedBy = caller.Subject, AssignedAt = clock.GetUtcNow().UtcDateTime, Reason = reason,
        };
        db.CareAssignments.Add(assignment);
        await db.SaveOrConflictAsync(ChangedMeanwhile, ct: ct);
        return new AssignmentView(careCase.Id, worker, assignment.AssignedAt);
    }

    private static DomainException AlreadyOpen(string category) =>
        DomainException.Duplicate($"The person has an open {category} case already.");

    internal static DomainException ChangedMeanwhile() =>
        DomainException.RuleViolated("CareCaseChangedMeanwhile", "The case changed meanwhile: read it again and retry.");
}
