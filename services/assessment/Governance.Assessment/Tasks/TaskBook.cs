using System.Text.RegularExpressions;
using Governance.Assessment.Access;
using Governance.Assessment.Data;
using Governance.Assessment.Indicators;
using Governance.Assessment.Reviews;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Assessment.Tasks;

/// <summary>
/// Monthly tasks: allocated to a department for a month (<c>assessment.score</c> reaching it), their completion reported by
/// the department's handlers with evidence, each report accepted or rejected by a reviewer; a rejected report is followed
/// by another, an accepted one is final. Scored through the <c>task_completion</c> measure (<see cref="TaskMeasure"/>).
/// </summary>
public sealed partial class TaskBook(AssessmentDb db, DepartmentAccess departments, ReviewAccess access, TimeProvider clock)
{
    public sealed record AllocateRequest(string? DepartmentId, string? Month, string? Title, int? Quantity, string? Unit, string? Note);
    public sealed record ReportRequest(int? QuantityDone, string? Note, IReadOnlyList<EvidenceInput?>? Evidence);

    public sealed record TaskReportView(int Attempt, int QuantityDone, string Note, IReadOnlyList<Evidence> Evidence, string State, DateTime SubmittedAt,
        string SubmittedBy, DateTime? ReviewedAt, string? ReviewedBy, string? ReviewComment);

    /// <param name="Done">The quantity done by the accepted report (0 until one is accepted).</param>
    /// <param name="State"><c>open</c> (nothing reported or the last report rejected), <c>pending</c> or <c>accepted</c>.</param>
    public sealed record TaskView(Guid Id, string DepartmentId, string Month, string Title, int Quantity, string Unit, string Note, DateTime AllocatedAt,
        string AllocatedBy, int Done, string State, IReadOnlyList<TaskReportView> Reports);

    public const int MaxQuantity = 1_000_000;

    public async Task<TaskView> AllocateAsync(Caller caller, AllocateRequest request, CancellationToken ct)
    {
        var department = await departments.DepartmentAsync(request.DepartmentId, "departmentId", ct);
        var month = Month(request.Month);
        await access.EnsureMayReviewAsync(caller, department.OrgPath, ct);
        var title = Comments.Required(request.Title, "title", "Name the task (1 to 200 characters).");
        if (title.Length > 200) throw DomainException.Invalid("title", "Name the task (1 to 200 characters).");
        if (request.Quantity is not { } quantity || quantity is < 1 or > MaxQuantity)
            throw DomainException.Invalid("quantity", "The quantity is a whole number from 1 to 1000000.");
        var unit = request.Unit?.Trim() ?? "";
        if (unit.Length is < 1 or > 20) throw DomainException.Invalid("unit", "The unit (households, visits) is 1 to 20 characters.");
        var task = new MonthlyTask
        {
            Id = Guid.CreateVersion7(), DepartmentId = department.DepartmentId, OrgPath = department.OrgPath, Month = month.Label, MonthStartUtc = month.StartUtc,
            Title = title, Quantity = quantity, Unit = unit, Note = Comments.Optional(request.Note, "note"), AllocatedAt = clock.GetUtcNow().UtcDateTime,
            AllocatedBy = caller.Subject,
        };
        db.MonthlyTasks.Add(task);
        await db.SaveChangesAsync(ct);
        return await ViewAsync(task, ct);
    }

    public async Task<TaskView> ReportAsync(Caller caller, Guid id, ReportRequest request, CancellationToken ct)
    {
        var task = await db.MonthlyTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw NoSuchTask();
        await access.EnsureMaySubmitAsync(caller, await departments.DepartmentAsync(task.DepartmentId, "id", ct), ct);
        if (request.QuantityDone is not { } done || done is < 0 or > MaxQuantity)
            throw DomainException.Invalid("quantityDone", "The quantity done is a whole number from 0 to 1000000.");
        var note = Comments.Optional(request.Note, "note");
        var evidence = Evidence.Validate(request.Evidence);
        var earlier = await db.TaskReports.AsNoTracking().Where(r => r.TaskId == id).Select(r => r.State).ToListAsync(ct);
        if (earlier.Contains(ReviewStates.Accepted))
            throw DomainException.RuleViolated("TaskReportAccepted", "The task's completion is accepted already and counts; it is not reported again.");
        if (earlier.Contains(ReviewStates.Pending)) throw Pending();
        db.TaskReports.Add(new TaskReport
        {
            TaskId = id, Attempt = earlier.Count + 1, QuantityDone = done, Note = note, Evidence = Evidence.ToJson(evidence),
            SubmittedAt = clock.GetUtcNow().UtcDateTime, SubmittedBy = caller.Subject, State = ReviewStates.Pending,
        });
        await db.SaveOrConflictAsync(Pending, ct: ct);
        return await ViewAsync(task, ct);
    }

    /// <summary>Accepts or rejects report <paramref name="attempt"/> of the task (409 <c>TaskReportReviewed</c> once decided).</summary>
    public async Task<TaskView> ReviewAsync(Caller caller, Guid id, int attempt, ReviewRequest request, CancellationToken ct)
    {
        var task = await db.MonthlyTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw NoSuchTask();
        await access.EnsureMayReviewAsync(caller, task.OrgPath, ct);
        var report = await db.TaskReports.FirstOrDefaultAsync(r => r.TaskId == id && r.Attempt == attempt, ct)
            ?? throw DomainException.NotFound($"The task has no report {attempt}.");
        var (state, comment) = request.Validate();
        if (report.State != ReviewStates.Pending) throw Reviewed();
        (report.State, report.ReviewComment, report.ReviewedBy, report.ReviewedAt) = (state, comment, caller.Subject, clock.GetUtcNow().UtcDateTime);
        report.Revision++;
        await db.SaveOrConflictAsync(Reviewed, ct: ct);
        return await ViewAsync(task, ct);
    }

    public async Task<TaskView> ReadAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var task = await db.MonthlyTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw NoSuchTask();
        await access.EnsureMayReadAsync(caller, task.DepartmentId, ct);
        return await ViewAsync(task, ct);
    }

    /// <summary>The tasks of the months within <paramref name="period"/>, of a department or the departments of an org subtree.</summary>
    public async Task<IReadOnlyList<TaskView>> ListAsync(Caller caller, string? departmentId, string? org, string? period, CancellationToken ct)
    {
        var scope = await access.ListScopeAsync(caller, departmentId, org, ct);
        var p = Period.Parse(period);
        var query = db.MonthlyTasks.AsNoTracking().Where(t => t.MonthStartUtc >= p.StartUtc && t.MonthStartUtc < p.EndUtc);
        query = scope.DepartmentId is { } d ? query.Where(t => t.DepartmentId == d) : query.WithinSubtree(t => t.OrgPath, scope.OrgPath);
        var tasks = await query.OrderBy(t => t.MonthStartUtc).ThenBy(t => t.DepartmentId).ThenBy(t => t.Id).ToListAsync(ct);
        var ids = tasks.Select(t => t.Id).ToList();
        var reports = (await db.TaskReports.AsNoTracking().Where(r => ids.Contains(r.TaskId)).ToListAsync(ct)).ToLookup(r => r.TaskId);
        return [.. tasks.Select(t => View(t, reports[t.Id]))];
    }

    private async Task<TaskView> ViewAsync(MonthlyTask task, CancellationToken ct) =>
        View(task, await db.TaskReports.AsNoTracking().Where(r => r.TaskId == task.Id).ToListAsync(ct));

    private static TaskView View(MonthlyTask t, IEnumerable<TaskReport> reports)
    {
        var list = reports.OrderBy(r => r.Attempt).ToList();
        var accepted = list.FirstOrDefault(r => r.State == ReviewStates.Accepted);
        var state = accepted is not null ? ReviewStates.Accepted : list.Any(r => r.State == ReviewStates.Pending) ? ReviewStates.Pending : "open";
        return new TaskView(t.Id, t.DepartmentId, t.Month, t.Title, t.Quantity, t.Unit, t.Note, t.AllocatedAt, t.AllocatedBy, accepted?.QuantityDone ?? 0, state,
            [.. list.Select(r => new TaskReportView(r.Attempt, r.QuantityDone, r.Note, Evidence.FromJson(r.Evidence), r.State, r.SubmittedAt, r.SubmittedBy,
                r.ReviewedAt, r.ReviewedBy, r.ReviewComment))]);
    }

    /// <summary>A month label, or a 400 naming <c>month</c>.</summary>
    public static Period Month(string? value)
    {
        if (!MonthShape().IsMatch(value?.Trim() ?? "")) throw DomainException.Invalid("month", $"The month '{value}' is not a month such as 2026-11.");
        return Period.Parse(value, "month");
    }

    [GeneratedRegex(@"^\d{4}-\d{2}$")]
    private static partial Regex MonthShape();

    private static DomainException Pending() =>
        DomainException.RuleViolated("TaskReportPending", "A report of this task is waiting for review: it is accepted or rejected before another is made.");

    private static DomainException Reviewed() =>
        DomainException.RuleViolated("TaskReportReviewed", "This report has been reviewed already; after a rejection the department reports again.");

    private static DomainException NoSuchTask() => DomainException.NotFound("No such task.");
}
