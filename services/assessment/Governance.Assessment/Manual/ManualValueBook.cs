using Governance.Assessment.Access;
using Governance.Assessment.Data;
using Governance.Assessment.Indicators;
using Governance.Assessment.Reviews;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Assessment.Manual;

/// <summary>
/// Manual indicator values (ADR 0013 §7): a department's handler submits a value of a manual indicator of the library for
/// a period with its evidence; a reviewer within the department's org accepts or rejects it with a comment; a rejected
/// value may be submitted again (the next attempt), an accepted one is final. Every attempt is kept.
/// </summary>
public sealed class ManualValueBook(AssessmentDb db, DepartmentAccess departments, ReviewAccess access, IndicatorBook indicators, TimeProvider clock)
{
    public sealed record SubmitRequest(string? DepartmentId, string? Indicator, string? Period, decimal? Value, string? Note, IReadOnlyList<EvidenceInput?>? Evidence);

    public sealed record ManualValueView(Guid Id, string Indicator, string DepartmentId, string Period, int Attempt, decimal Value, string Note,
        IReadOnlyList<Evidence> Evidence, string State, DateTime SubmittedAt, string SubmittedBy, DateTime? ReviewedAt, string? ReviewedBy, string? ReviewComment);

    /// <summary>Every attempt of a department at an indicator's value for a period, oldest first.</summary>
    public sealed record ManualValueThread(string Indicator, string DepartmentId, string Period, IReadOnlyList<ManualValueView> Attempts);

    public async Task<ManualValueView> SubmitAsync(Caller caller, SubmitRequest request, CancellationToken ct)
    {
        var department = await departments.DepartmentAsync(request.DepartmentId, "departmentId", ct);
        await access.EnsureMaySubmitAsync(caller, department, ct);
        var library = (await indicators.InEffectAsync(clock.GetUtcNow().UtcDateTime, ct)).Document;
        var indicator = library.Find(request.Indicator?.Trim()) is { } found && ManualMeasure.Handles(found.Measure) ? found
            : throw DomainException.Invalid("indicator", $"'{request.Indicator}' is not a manual indicator of the library.");
        var period = Period.Parse(request.Period);
        var value = ManualMeasure.CheckValue(indicator.Measure, request.Value);
        var note = Comments.Optional(request.Note, "note");
        var evidence = Evidence.Validate(request.Evidence);

        var earlier = await db.ManualSubmissions.AsNoTracking()
            .Where(s => s.DepartmentId == department.DepartmentId && s.Indicator == indicator.Code && s.Period == period.Label)
            .Select(s => new { s.Attempt, s.State }).ToListAsync(ct);
        if (earlier.Any(s => s.State == ReviewStates.Accepted))
            throw DomainException.RuleViolated("ManualValueAccepted", $"The value of {indicator.Code} for {period.Label} is accepted already and counts; it is not submitted again.");
        if (earlier.Any(s => s.State == ReviewStates.Pending)) throw Pending(indicator.Code, period.Label);
        var submission = new ManualSubmission
        {
            Id = Guid.CreateVersion7(), Indicator = indicator.Code, DepartmentId = department.DepartmentId, OrgPath = department.OrgPath, Period = period.Label,
            PeriodStartUtc = period.StartUtc, PeriodEndUtc = period.EndUtc, Attempt = earlier.Count + 1, Value = value, Note = note,
            Evidence = Evidence.ToJson(evidence), SubmittedAt = clock.GetUtcNow().UtcDateTime, SubmittedBy = caller.Subject, State = ReviewStates.Pending,
        };
        db.ManualSubmissions.Add(submission);
        await db.SaveOrConflictAsync(() => Pending(indicator.Code, period.Label), ct: ct);
        return View(submission);
    }

    /// <summary>Accepts or rejects a pending value (409 <c>ManualValueReviewed</c> once decided).</summary>
    public async Task<ManualValueView> ReviewAsync(Caller caller, Guid id, ReviewRequest request, CancellationToken ct)
    {
        var submission = await db.ManualSubmissions.FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw NoSuchValue();
        await access.EnsureMayReviewAsync(caller, submission.OrgPath, ct);
        var (state, comment) = request.Validate();
        if (submission.State != ReviewStates.Pending) throw Reviewed();
        (submission.State, submission.ReviewComment, submission.ReviewedBy, submission.ReviewedAt) = (state, comment, caller.Subject, clock.GetUtcNow().UtcDateTime);
        submission.Revision++;
        await db.SaveOrConflictAsync(Reviewed, ct: ct);
        return View(submission);
    }

    /// <summary>The value <paramref name="id"/> with every attempt of its department, indicator and period.</summary>
    public async Task<ManualValueThread> ThreadAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var submission = await db.ManualSubmissions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw NoSuchValue();
        await access.EnsureMayReadAsync(caller, submission.DepartmentId, ct);
        var attempts = await db.ManualSubmissions.AsNoTracking()
            .Where(s => s.DepartmentId == submission.DepartmentId && s.Indicator == submission.Indicator && s.Period == submission.Period)
            .OrderBy(s => s.Attempt).ToListAsync(ct);
        return new ManualValueThread(submission.Indicator, submission.DepartmentId, submission.Period, [.. attempts.Select(View)]);
    }

    /// <summary>The values submitted for periods within <paramref name="period"/> by a department or the departments of an org subtree.</summary>
    public async Task<IReadOnlyList<ManualValueView>> ListAsync(Caller caller, string? departmentId, string? org, string? period, string? state, CancellationToken ct)
    {
        var scope = await access.ListScopeAsync(caller, departmentId, org, ct);
        var p = Period.Parse(period);
        var wanted = ReviewFilter.State(state);
        var query = db.ManualSubmissions.AsNoTracking().Where(s => s.PeriodStartUtc >= p.StartUtc && s.PeriodEndUtc <= p.EndUtc);
        query = scope.DepartmentId is { } d ? query.Where(s => s.DepartmentId == d) : query.WithinSubtree(s => s.OrgPath, scope.OrgPath);
        if (wanted is not null) query = query.Where(s => s.State == wanted);
        var rows = await query.ToListAsync(ct);
        return [.. rows.OrderBy(s => s.DepartmentId, StringComparer.Ordinal).ThenBy(s => s.Indicator, StringComparer.Ordinal)
            .ThenBy(s => s.PeriodStartUtc).ThenBy(s => s.Attempt).Select(View)];
    }

    private static ManualValueView View(ManualSubmission s) => new(s.Id, s.Indicator, s.DepartmentId, s.Period, s.Attempt, s.Value, s.Note,
        Evidence.FromJson(s.Evidence), s.State, s.SubmittedAt, s.SubmittedBy, s.ReviewedAt, s.ReviewedBy, s.ReviewComment);

    private static DomainException Pending(string indicator, string period) => DomainException.RuleViolated("ManualValuePending",
        $"A value of {indicator} for {period} is waiting for review: it is accepted or rejected before another is submitted.");

    private static DomainException Reviewed() =>
        DomainException.RuleViolated("ManualValueReviewed", "This value has been reviewed already; a rejected value is submitted again as a new attempt.");

    private static DomainException NoSuchValue() => DomainException.NotFound("No such manual value.");
}
