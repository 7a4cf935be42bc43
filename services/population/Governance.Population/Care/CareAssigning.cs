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
        // An arrived case may be given back to the worker it came with (whose posts now reach here): that assignment ends the arrival.
        if (careCase.WorkerId == worker && careCase.ArrivedFrom is null)
            throw DomainException.Invalid("workerId", "The case is assigned to this worker already.");
        careCase.WorkerId = worker;
        careCase.ArrivedFrom = null;
        careCase.ArrivedOn = null;
        careCase.Version++;
        var assignment = new CareAssignment
        {
            CaseId = careCase.Id, WorkerId = worker, AssignedBy = caller.Subject, AssignedAt = clock.GetUtcNow().UtcDateTime, Reason = reason,
        };
        db.CareAssignments.Add(assignment);
        await db.SaveOrConflictAsync(ChangedMeanwhile, ct: ct);
        return new AssignmentView(careCase.Id, worker, assignment.AssignedAt);
    }

    /// <summary>
    /// The open cases that arrived with their person from another community, within the caller's care-case.assign
    /// subtrees (and <paramref name="org"/>), oldest arrival first, until the caller assigns their worker. Each case
    /// shown is a read in the care log, with the caller's purpose.
    /// </summary>
    public async Task<IReadOnlyList<ArrivalView>> ArrivalsAsync(CareWork.Reading reading, string? org, CancellationToken ct)
    {
        var subtrees = await permissions.PermittedSubtreesAsync(reading.Caller, CarePermissions.Assign, ct);
        var cases = db.CareCases.AsNoTracking().Where(c => c.ClosedOn == null && c.ArrivedFrom != null).WithinAnySubtree(subtrees, c => c.OrgPath);
        if (org is not null)
        {
            if (!OrgPath.TryParse(org, out var within)) throw DomainException.Invalid("org", "The org is not an org path (codes separated by '/').");
            cases = cases.WithinSubtree(c => c.OrgPath, within.Value);
        }
        var arrived = await cases.OrderBy(c => c.ArrivedOn).ThenBy(c => c.Id).Take(CareWork.MaxPageSize).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var c in arrived)
            db.CareCaseReads.Add(new CareCaseRead
            {
                CaseId = c.Id, OrgPath = c.OrgPath, Reader = reading.Caller.Subject, ReaderClient = reading.Caller.ClientId, At = now,
                Action = "arrivals", Fields = "category,orgPath,arrivedFrom,workerId", Purpose = reading.Purpose.Code, PurposeNote = reading.Purpose.Note,
            });
        await db.SaveChangesAsync(ct);
        return arrived.Select(c => new ArrivalView(c.Id, c.Category, c.OrgPath, c.ArrivedFrom!, c.ArrivedOn!.Value, c.WorkerId)).ToList();
    }

    private static DomainException AlreadyOpen(string category) =>
        DomainException.Duplicate($"The person has an open {category} case already.");

    internal static DomainException ChangedMeanwhile() =>
        DomainException.RuleViolated("CareCaseChangedMeanwhile", "The case changed meanwhile: read it again and retry.");
}
