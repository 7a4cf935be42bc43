using Governance.Assessment.Data;
using Governance.Assessment.Indicators;
using Governance.Assessment.Reviews;
using Governance.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.Assessment.Tasks;

/// <summary>
/// The measure <c>task_completion</c>: of the quantity allocated to the department for the months of the period, the share
/// done by accepted reports (each task counting at most its own quantity, so doing 60 of 40 houses does not make up for
/// another task left undone). The numerator and denominator are quantities; the records behind the value are the tasks
/// (each link opens the task with its reports). A period with no task allocated has nothing to count, like any rate.
/// How many points the share earns is the letter item's rule (linear between a floor and a target, threshold), so the
/// scoring of tasks stays data.
/// </summary>
public static class TaskMeasure
{
    public const string Key = "task_completion";

    public static readonly Measure Measure = new(Key, "tasks", "department", Indicators.Measure.Rate, Indicators.Measure.Higher,
        "quantity done by accepted reports, at most each task's quantity", "quantity allocated for the period's months");

    public static async Task<IndicatorValue> ComputeAsync(AssessmentDb db, IndicatorDefinition indicator, Subject subject, Period period, CancellationToken ct)
    {
        var tasks = db.MonthlyTasks.AsNoTracking().Where(t => t.MonthStartUtc >= period.StartUtc && t.MonthStartUtc < period.EndUtc);
        tasks = subject.DepartmentId is { } d ? tasks.Where(t => t.DepartmentId == d) : tasks.WithinSubtree(t => t.OrgPath, subject.OrgPath);
        var allocated = await tasks.Select(t => new { t.Id, t.Month, t.Title, t.Quantity, t.Unit }).ToListAsync(ct);
        var ids = allocated.Select(t => t.Id).ToList();
        var done = await db.TaskReports.AsNoTracking().Where(r => ids.Contains(r.TaskId) && r.State == ReviewStates.Accepted)
            .ToDictionaryAsync(r => r.TaskId, r => r.QuantityDone, ct);
        var ordered = allocated.OrderBy(t => t.Month, StringComparer.Ordinal).ThenBy(t => t.Id).ToList();
        RecordRef Ref(Guid id, string month, string title, int quantity, string unit) =>
            new(id.ToString(), $"{month} {title} {done.GetValueOrDefault(id)}/{quantity}{unit}", $"/api/assessment/tasks/{id}");
        var numerator = ordered.Sum(t => Math.Min(done.GetValueOrDefault(t.Id), t.Quantity));
        var denominator = ordered.Sum(t => t.Quantity);
        decimal? value = denominator > 0 ? Math.Round((decimal)numerator / denominator, 4, MidpointRounding.AwayFromZero) : null;
        return new IndicatorValue(indicator.Code, indicator.Name, Key, Indicators.Measure.Rate, Indicators.Measure.Higher, value, numerator, denominator,
            [.. ordered.Where(t => done.GetValueOrDefault(t.Id) > 0).Select(t => Ref(t.Id, t.Month, t.Title, t.Quantity, t.Unit))],
            [.. ordered.Select(t => Ref(t.Id, t.Month, t.Title, t.Quantity, t.Unit))]);
    }
}
