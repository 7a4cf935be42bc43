using Governance.Assessment.Data;
using Governance.Assessment.Indicators;
using Microsoft.EntityFrameworkCore;

namespace Governance.Assessment.Inspections;

/// <summary>A finding as a scorecard deducts it: its id (and where it opens), the month, the points, the reason and its state.</summary>
public sealed record Deduction(Guid FindingId, string Month, decimal Points, string Reason, string State, string Link);

/// <summary>
/// What inspections take off a department's scorecard for a period: every finding of a month within it that is not
/// withdrawn (standing, contested and waiting, or upheld), each with its id. They are subtracted from the letter's points,
/// never taking the total below zero; no letter item is needed for them.
/// </summary>
public static class Deductions
{
    public static async Task<IReadOnlyList<Deduction>> ForAsync(AssessmentDb db, string departmentId, Period period, CancellationToken ct)
    {
        var rows = await db.Findings.AsNoTracking()
            .Where(f => f.DepartmentId == departmentId && f.MonthStartUtc >= period.StartUtc && f.MonthStartUtc < period.EndUtc && f.State != FindingStates.Withdrawn)
            .ToListAsync(ct);
        return [.. rows.OrderBy(f => f.MonthStartUtc).ThenBy(f => f.RecordedAt).ThenBy(f => f.Id)
            .Select(f => new Deduction(f.Id, f.Month, f.Points, f.Reason, f.State, $"/api/assessment/findings/{f.Id}"))];
    }
}
