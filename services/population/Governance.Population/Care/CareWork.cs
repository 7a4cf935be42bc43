using Governance.Population.Access;
using Governance.Population.Data;
using Governance.Population.Persons;
using Governance.Population.Protection;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Population.Care;

/// <summary>
/// The assigned worker's work on a case. Every read and write of a case's content passes <see cref="OwnAsync"/>:
/// the caller is the case's worker now (the token's subject) and holds the permission over the case's org.
/// Anyone else, whatever their role, is answered as if the case did not exist. Every read states a purpose
/// and is written to <see cref="CareCaseRead"/> before the answer; a read that cannot be logged is not answered.
/// </summary>
public sealed class CareWork(PopulationDb db, RolePermissions permissions, PersonalDataCipher cipher, TimeProvider clock)
{
    public const int MaxPageSize = 200;
    public const int MaxDueWithinDays = 90;
    public const string ClosingReasonField = "closingReason";

    public sealed record Reading(Caller Caller, AccessPurposes.Purpose Purpose);

    public async Task<CaseView> GetAsync(Reading reading, Guid id, CancellationToken ct)
    {
        var careCase = await OwnAsync(reading.Caller, id, CarePermissions.Read, tracked: false, ct);
        var visits = await db.CareVisits.AsNoTracking().Where(v => v.CaseId == id)
            .OrderByDescending(v => v.VisitedOn).ThenByDescending(v => v.RecordedAt).ToListAsync(ct);
        var assignments = await db.CareAssignments.AsNoTracking().Where(a => a.CaseId == id).OrderBy(a => a.Id).ToListAsync(ct);
        var name = await db.Persons.AsNoTracking().Where(p => p.Id == careCase.PersonId).Select(p => p.Name).FirstAsync(ct);
        Log(reading, "get", careCase, "case,personName,closingReason,visits,assignments");
        await db.SaveChangesAsync(ct);
        return new CaseView(careCase.Id, careCase.PersonId, name, careCase.Category, careCase.OrgPath, careCase.OpenedOn, careCase.OpenedBy,
            careCase.ClosedOn, careCase.ClosingReason is { } r ? cipher.UnprotectCaseNote(r, careCase.Id, ClosingReasonField) : null,
            careCase.WorkerId, careCase.VisitIntervalDays, careCase.NextVisitDue,
            visits.Select(v => new VisitView(v.Id, v.VisitedOn, v.Kind, cipher.UnprotectCaseNote(v.Findings, id, CareVisit.FindingsField),
                v.NextStep is { } n ? cipher.UnprotectCaseNote(n, id, CareVisit.NextStepField) : null, v.RecordedBy, v.RecordedAt)).ToList(),
            assignments.Select(a => new AssignmentHistoryView(a.WorkerId, a.AssignedBy, a.AssignedAt, a.Reason)).ToList());
    }

    /// <summary>The caller's own cases (open ones unless <paramref name="closed"/>), by next visit due; each listed case's read is logged.</summary>
    public async Task<IReadOnlyList<CaseSummaryView>> ListAsync(Reading reading, bool closed, int limit, int offset, CancellationToken ct)
    {
        if (limit is < 1 or > MaxPageSize) throw DomainException.Invalid("limit", $"The limit must be 1 to {MaxPageSize}.");
        if (offset < 0) throw DomainException.Invalid("offset", "The offset must not be negative.");
        var query = (await OwnCasesAsync(reading.Caller, ct)).Where(c => closed ? c.ClosedOn != null : c.ClosedOn == null);
        return await SummariesAsync(reading, "list", query.OrderBy(c => c.NextVisitDue).ThenBy(c => c.Id).Skip(offset).Take(limit), ct);
    }

    /// <summary>The caller's open cases whose next visit falls within <paramref name="withinDays"/> days from today, overdue ones first.</summary>
    public async Task<IReadOnlyList<CaseSummaryView>> DueAsync(Reading reading, int withinDays, CancellationToken ct)
    {
        if (withinDays is < 0 or > MaxDueWithinDays) throw DomainException.Invalid("within", $"The days ahead must be 0 to {MaxDueWithinDays}.");
        var until = PersonNames.Today(clock).AddDays(withinDays);
        var query = (await OwnCasesAsync(reading.Caller, ct)).Where(c => c.ClosedOn == null && c.NextVisitDue <= until);
        return await SummariesAsync(reading, "due", query.OrderBy(c => c.NextVisitDue).ThenBy(c => c.Id).Take(MaxPageSize), ct);
    }

    /// <summary>
    /// Records a visit and moves the next due date to the latest visit's date plus the interval (a visit entered late
    /// does not pull it back). The same <c>requestId</c> again answers the visit already recorded, even when both arrive at once.
    /// </summary>
    public async Task<RecordedVisitView> RecordVisitAsync(Caller caller, Guid id, VisitRequest request, CancellationToken ct)
    {
        var requestId = request.RequestId?.Trim() ?? "";
        if (requestId.Length is 0 or > CareVisit.MaxRequestIdLength || !requestId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw DomainException.Invalid("requestId", $"Give the visit's request id: 1 to {CareVisit.MaxRequestIdLength} letters, digits, '-' or '_'.");
        var kind = request.Kind is { } k && CareCategories.VisitKinds.Contains(k) ? k
            : throw DomainException.Invalid("kind", $"The visit kind '{request.Kind}' is not one of {string.Join(", ", CareCategories.VisitKinds)}.");
        var findings = CareText.Note(request.Findings, "findings", CareVisit.MaxFindingsLength, required: true)!;
        var nextStep = CareText.Note(request.NextStep, "nextStep", CareVisit.MaxNextStepLength, required: false);
        var today = PersonNames.Today(clock);
        if (request.VisitedOn is not { } visitedOn) throw DomainException.Invalid("visitedOn", "Give the day of the visit.");
        if (visitedOn > today) throw DomainException.Invalid("visitedOn", "A visit cannot be recorded for a day still to come.");

        var careCase = await OwnAsync(caller, id, CarePermissions.Write, tracked: true, ct);
        if (await ReplayOfAsync(id, requestId, ct) is { } earlier) return earlier with { NextVisitDue = careCase.NextVisitDue };
        if (careCase.ClosedOn is not null) throw DomainException.RuleViolated("ClosedCaseTakesNoVisits", "The case is closed: it takes no more visits.");
        if (visitedOn < careCase.OpenedOn) throw DomainException.Invalid("visitedOn", "The visit is dated before the case was opened.");

        var now = clock.GetUtcNow();
        var visit = new CareVisit
        {
            Id = Guid.CreateVersion7(now), CaseId = id, RequestId = requestId, VisitedOn = visitedOn, DueOn = careCase.NextVisitDue, Kind = kind, RecordedBy = caller.Subject,
            RecordedAt = now.UtcDateTime, Findings = cipher.ProtectCaseNote(findings, id, CareVisit.FindingsField),
            NextStep = nextStep is null ? null : cipher.ProtectCaseNote(nextStep, id, CareVisit.NextStepField),
        };
        var latest = await db.CareVisits.Where(v => v.CaseId == id).MaxAsync(v => (DateOnly?)v.VisitedOn, ct);
        careCase.NextVisitDue = (latest is { } l && l > visitedOn ? l : visitedOn).AddDays(careCase.VisitIntervalDays);
        careCase.Version++;
        db.CareVisits.Add(visit);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.IsUniqueViolation())
        {
            // Another request got there first: the same visit sent twice at once answers as a replay; another visit, a conflict.
            db.ChangeTracker.Clear();
            var due = await db.CareCases.AsNoTracking().Where(c => c.Id == id).Select(c => c.NextVisitDue).FirstAsync(ct);
            return await ReplayOfAsync(id, requestId, ct) is { } replay ? replay with { NextVisitDue = due } : throw CareAssigning.ChangedMeanwhile();
        }
        return new RecordedVisitView(visit.Id, id, careCase.NextVisitDue, Replayed: false);
    }

    /// <summary>
    /// Closes the case: its worker decides (the closing reason is case content, which nobody else reads). A leader who
    /// wants a case closed while its worker is away reassigns it first. A closed case takes no visits and no new worker.
    /// </summary>
    public async Task<CaseStateView> CloseAsync(Caller caller, Guid id, CloseCaseRequest request, CancellationToken ct)
    {
        var reason = CareText.Note(request.Reason, "reason", CareCase.MaxClosingReasonLength, required: true)!;
        var today = PersonNames.Today(clock);
        var closedOn = request.ClosedOn ?? today;
        if (closedOn > today) throw DomainException.Invalid("closedOn", "A case cannot be closed on a day still to come.");
        var careCase = await OwnAsync(caller, id, CarePermissions.Write, tracked: true, ct);
        if (careCase.ClosedOn is not null) throw DomainException.RuleViolated("CaseIsClosedAlready", "The case is closed already.");
        if (closedOn < careCase.OpenedOn) throw DomainException.Invalid("closedOn", "The case cannot be closed before it was opened.");
        careCase.ClosedOn = closedOn;
        careCase.ClosingReason = cipher.ProtectCaseNote(reason, id, ClosingReasonField);
        careCase.NextVisitDue = null;
        careCase.Version++;
        // Two closes at once: one wins, the other learns it changed meanwhile.
        await db.SaveOrConflictAsync(CareAssigning.ChangedMeanwhile, ct: ct);
        return new CaseStateView(id, closedOn, careCase.VisitIntervalDays, null);
    }

    /// <summary>Sets the case's own visit interval; the next visit falls that many days after the latest (or the opening day).</summary>
    public async Task<CaseStateView> PlanAsync(Caller caller, Guid id, PlanRequest request, CancellationToken ct)
    {
        var interval = CareText.Interval(request.VisitIntervalDays)
            ?? throw DomainException.Invalid("visitIntervalDays", $"The visit interval must be 1 to {CareText.MaxIntervalDays} days.");
        var careCase = await OwnAsync(caller, id, CarePermissions.Write, tracked: true, ct);
        if (careCase.ClosedOn is not null) throw DomainException.RuleViolated("ClosedCaseTakesNoVisits", "The case is closed: it takes no more visits.");
        var latest = await db.CareVisits.Where(v => v.CaseId == id).MaxAsync(v => (DateOnly?)v.VisitedOn, ct);
        careCase.VisitIntervalDays = interval;
        careCase.NextVisitDue = latest is { } l ? l.AddDays(interval) : careCase.OpenedOn;
        careCase.Version++;
        await db.SaveOrConflictAsync(CareAssigning.ChangedMeanwhile, ct: ct);
        return new CaseStateView(id, null, interval, careCase.NextVisitDue);
    }

    /// <summary>The case, when the caller is its worker now and holds <paramref name="permission"/> over its org; else absent (404).</summary>
    private async Task<CareCase> OwnAsync(Caller caller, Guid id, string permission, bool tracked, CancellationToken ct)
    {
        var cases = tracked ? db.CareCases : db.CareCases.AsNoTracking();
        var careCase = caller.IsService ? null : await cases.FirstOrDefaultAsync(c => c.Id == id && c.WorkerId == caller.Subject, ct);
        return careCase is not null && await permissions.IsPermittedAsync(caller, permission, OrgPath.Parse(careCase.OrgPath), ct) ? careCase
            : throw DomainException.NotFound($"No care case {id} within your reach.");
    }

    private async Task<IQueryable<CareCase>> OwnCasesAsync(Caller caller, CancellationToken ct)
    {
        // Not PermittedSubtreesAsync, which refuses a role without the permission (403): to anyone who holds no case, the list is empty.
        var subtrees = caller.IsService ? [] : Caller.Subtrees((await permissions.PostsCarryingAsync(caller, CarePermissions.Read, ct)).Select(p => p.Org));
        return db.CareCases.AsNoTracking().Where(c => c.WorkerId == caller.Subject).WithinAnySubtree(subtrees, c => c.OrgPath);
    }

    private async Task<IReadOnlyList<CaseSummaryView>> SummariesAsync(Reading reading, string action, IQueryable<CareCase> query, CancellationToken ct)
    {
        var rows = await query.Join(db.Persons, c => c.PersonId, p => p.Id, (c, p) => new { Case = c, p.Name }).ToListAsync(ct);
        foreach (var row in rows) Log(reading, action, row.Case, "case,personName");
        await db.SaveChangesAsync(ct);
        var today = PersonNames.Today(clock);
        return rows.Select(r => new CaseSummaryView(r.Case.Id, r.Case.PersonId, r.Name, r.Case.Category, r.Case.OrgPath, r.Case.OpenedOn,
            r.Case.ClosedOn, r.Case.NextVisitDue, r.Case.NextVisitDue < today)).ToList();
    }

    private async Task<RecordedVisitView?> ReplayOfAsync(Guid id, string requestId, CancellationToken ct) =>
        await db.CareVisits.AsNoTracking().Where(v => v.CaseId == id && v.RequestId == requestId)
            .Select(v => new RecordedVisitView(v.Id, id, null, true)).FirstOrDefaultAsync(ct);

    private void Log(Reading reading, string action, CareCase careCase, string fields) =>
        db.CareCaseReads.Add(new CareCaseRead
        {
            CaseId = careCase.Id, OrgPath = careCase.OrgPath, Reader = reading.Caller.Subject, ReaderClient = reading.Caller.ClientId,
            At = clock.GetUtcNow().UtcDateTime, Action = action, Fields = fields, Purpose = reading.Purpose.Code, PurposeNote = reading.Purpose.Note,
        });
}
