using Governance.Assessment.Access;
using Governance.Assessment.Data;
using Governance.Assessment.Indicators;
using Governance.Assessment.Reviews;
using Governance.Assessment.Tasks;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Assessment.Inspections;

/// <summary>
/// Inspection findings: recorded by an inspector (<c>assessment.score</c> reaching the department), contested once by the
/// department's handlers, decided by a reviewer (<c>assessment.score</c> or <c>assessment.manage</c> reaching it) who is
/// not the inspector who recorded it. The scorecard deducts every finding not withdrawn (<see cref="DeductionsAsync"/>).
/// </summary>
public sealed class FindingBook(AssessmentDb db, DepartmentAccess departments, ReviewAccess access, TimeProvider clock)
{
    public sealed record RecordRequest(string? DepartmentId, string? Month, decimal? Points, string? Reason, IReadOnlyList<EvidenceInput?>? Evidence);
    public sealed record ContestRequest(string? Reason);

    /// <param name="Decision"><c>uphold</c> or <c>withdraw</c>.</param>
    public sealed record DecisionRequest(string? Decision, string? Comment);

    public sealed record FindingView(Guid Id, string DepartmentId, string Month, decimal Points, string Reason, IReadOnlyList<Evidence> Evidence, string State,
        DateTime RecordedAt, string RecordedBy, string? ContestReason, DateTime? ContestedAt, string? ContestedBy, string? DecisionComment, DateTime? DecidedAt,
        string? DecidedBy);

    public async Task<FindingView> RecordAsync(Caller caller, RecordRequest request, CancellationToken ct)
    {
        var department = await departments.DepartmentAsync(request.DepartmentId, "departmentId", ct);
        var month = TaskBook.Month(request.Month);
        await access.EnsureMayReviewAsync(caller, department.OrgPath, ct);
        if (request.Points is not { } points || points is <= 0 or > 100 || points != Math.Round(points, 2))
            throw DomainException.Invalid("points", "The points deducted are more than 0 and at most 100, to two places.");
        var reason = Comments.Required(request.Reason, "reason", "Say what was found (1 to 1000 characters).");
        var evidence = Evidence.Validate(request.Evidence);
        var finding = new Finding
        {
            Id = Guid.CreateVersion7(), DepartmentId = department.DepartmentId, OrgPath = department.OrgPath, Month = month.Label, MonthStartUtc = month.StartUtc,
            Points = points, Reason = reason, Evidence = Evidence.ToJson(evidence), RecordedAt = clock.GetUtcNow().UtcDateTime, RecordedBy = caller.Subject,
            State = FindingStates.Standing,
        };
        db.Findings.Add(finding);
        await db.SaveChangesAsync(ct);
        return View(finding);
    }

    /// <summary>The department contests a standing finding, once (409 <c>FindingContestedOnce</c> after that).</summary>
    public async Task<FindingView> ContestAsync(Caller caller, Guid id, ContestRequest request, CancellationToken ct)
    {
        var finding = await db.Findings.FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw NoSuchFinding();
        await access.EnsureMaySubmitAsync(caller, await departments.DepartmentAsync(finding.DepartmentId, "id", ct), ct);
        var reason = Comments.Required(request.Reason, "reason", "Say why the finding is contested (1 to 1000 characters).");
        if (finding.ContestedAt is not null) throw ContestedOnce();
        (finding.State, finding.ContestReason, finding.ContestedBy, finding.ContestedAt) = (FindingStates.Contested, reason, caller.Subject, clock.GetUtcNow().UtcDateTime);
        finding.Revision++;
        await db.SaveOrConflictAsync(ContestedOnce, ct: ct);
        return View(finding);
    }

    /// <summary>A reviewer upholds or withdraws a contested finding.</summary>
    public async Task<FindingView> DecideAsync(Caller caller, Guid id, DecisionRequest request, CancellationToken ct)
    {
        var finding = await db.Findings.FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw NoSuchFinding();
        await access.EnsureMayReviewAsync(caller, finding.OrgPath, ct);
        var state = request.Decision?.Trim().ToLowerInvariant() switch
        {
            "uphold" => FindingStates.Upheld,
            "withdraw" => FindingStates.Withdrawn,
            _ => throw DomainException.Invalid("decision", "The decision is uphold or withdraw."),
        };
        var comment = Comments.Required(request.Comment, "comment", "Give the reasons for the decision (a comment of 1 to 1000 characters).");
        if (finding.State != FindingStates.Contested)
            throw NotContested();
        if (finding.RecordedBy == caller.Subject)
            throw DomainException.RuleViolated("InspectorDoesNotDecide", "The inspector who recorded a finding does not decide its contest: another reviewer does.");
        (finding.State, finding.DecisionComment, finding.DecidedBy, finding.DecidedAt) = (state, comment, caller.Subject, clock.GetUtcNow().UtcDateTime);
        finding.Revision++;
        await db.SaveOrConflictAsync(NotContested, ct: ct);
        return View(finding);
    }

    public async Task<FindingView> ReadAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var finding = await db.Findings.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw NoSuchFinding();
        await access.EnsureMayReadAsync(caller, finding.DepartmentId, ct);
        return View(finding);
    }

    /// <summary>The findings of the months within <paramref name="period"/>, of a department or the departments of an org subtree.</summary>
    public async Task<IReadOnlyList<FindingView>> ListAsync(Caller caller, string? departmentId, string? org, string? period, string? state, CancellationToken ct)
    {
        var scope = await access.ListScopeAsync(caller, departmentId, org, ct);
        var p = Period.Parse(period);
        var wanted = ReviewFilter.State(state, FindingStates.All);
        var query = db.Findings.AsNoTracking().Where(f => f.MonthStartUtc >= p.StartUtc && f.MonthStartUtc < p.EndUtc);
        query = scope.DepartmentId is { } d ? query.Where(f => f.DepartmentId == d) : query.WithinSubtree(f => f.OrgPath, scope.OrgPath);
        if (wanted is not null) query = query.Where(f => f.State == wanted);
        return [.. (await query.ToListAsync(ct)).OrderBy(f => f.MonthStartUtc).ThenBy(f => f.RecordedAt).ThenBy(f => f.Id).Select(View)];
    }

    private static FindingView View(Finding f) => new(f.Id, f.DepartmentId, f.Month, f.Points, f.Reason, Evidence.FromJson(f.Evidence), f.State, f.RecordedAt,
        f.RecordedBy, f.ContestReason, f.ContestedAt, f.ContestedBy, f.DecisionComment, f.DecidedAt, f.DecidedBy);

    private static DomainException ContestedOnce() =>
        DomainException.RuleViolated("FindingContestedOnce", "The finding has been contested already: a finding is contested once.");

    private static DomainException NotContested() =>
        DomainException.RuleViolated("FindingNotContested", "Only a contested finding, not yet decided, is upheld or withdrawn.");

    private static DomainException NoSuchFinding() => DomainException.NotFound("No such finding.");
}
