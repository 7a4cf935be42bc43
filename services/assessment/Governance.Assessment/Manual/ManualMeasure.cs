using Governance.Assessment.Data;
using Governance.Assessment.Indicators;
using Governance.Assessment.Reviews;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Assessment.Manual;

/// <summary>
/// The measures of manual indicators: <c>manual_rate</c> (a share, 0 to 1, such as a 95% coverage a department reports) and
/// <c>manual_count</c> (a whole number of things done). An indicator of the library naming one of them is manual: its value
/// is what departments submit and reviewers accept. For a scorecard's period the accepted values of periods within it
/// count (a month's in its month, quarter and year; a year's in its year only), combined: counts added, rates averaged.
/// With no accepted value the indicator has none, and earns nothing (<see cref="MissingEarnsNothing"/>): only an accepted
/// value counts. The records behind it are the accepted submissions.
/// </summary>
public static class ManualMeasure
{
    public const string Rate = "manual_rate";
    public const string Count = "manual_count";

    public static readonly Measure RateMeasure = new(Rate, "manual values", "department", Measure.Rate, Measure.Higher, "the accepted values submitted (averaged)", null);
    public static readonly Measure CountMeasure = new(Count, "manual values", "department", Measure.Count, Measure.Higher, "the accepted values submitted (added)", null);

    public static bool Handles(string? measure) => measure is Rate or Count;

    /// <summary>True when an indicator of <paramref name="measure"/> with no value earns no points, whatever its rule.</summary>
    public static bool MissingEarnsNothing(string measure) => Handles(measure);

    /// <summary>The value as the measure takes it, or a 400 naming <c>value</c>.</summary>
    public static decimal CheckValue(string measure, decimal? value)
    {
        if (measure == Rate)
            return value is { } r and >= 0 and <= 1 ? r : throw DomainException.Invalid("value", "A rate is between 0 and 1 (0.95 for 95%).");
        return value is { } c and >= 0 and <= 1_000_000 && c == decimal.Truncate(c)
            ? c : throw DomainException.Invalid("value", "A count is a whole number from 0 to 1000000.");
    }

    public static async Task<IndicatorValue> ComputeAsync(AssessmentDb db, IndicatorDefinition indicator, Measure measure, Subject subject, Period period, CancellationToken ct)
    {
        var accepted = db.ManualSubmissions.AsNoTracking().Where(s => s.Indicator == indicator.Code && s.State == ReviewStates.Accepted
            && s.PeriodStartUtc >= period.StartUtc && s.PeriodEndUtc <= period.EndUtc);
        accepted = subject.DepartmentId is { } d ? accepted.Where(s => s.DepartmentId == d) : accepted.WithinSubtree(s => s.OrgPath, subject.OrgPath);
        // Decimals are combined here, not in SQL: SQLite (the standalone host) cannot add them.
        var rows = (await accepted.Select(s => new { s.Id, s.DepartmentId, s.Period, s.PeriodStartUtc, s.Value }).ToListAsync(ct))
            .OrderBy(s => s.PeriodStartUtc).ThenBy(s => s.DepartmentId, StringComparer.Ordinal).ToList();
        var records = rows.Select(s => new RecordRef(s.Id.ToString(), $"{s.Period} {s.Value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)}",
            $"/api/assessment/manual-values/{s.Id}")).ToList();
        decimal? value = rows.Count == 0 ? null
            : measure.Key == Count ? rows.Sum(s => s.Value)
            : Math.Round(rows.Average(s => s.Value), 4, MidpointRounding.AwayFromZero);
        // A count's cases are its value (a deduction or bonus rule counts them); a rate's are the values averaged.
        var numerator = measure.Key == Count ? (int)(value ?? 0) : rows.Count;
        return new IndicatorValue(indicator.Code, indicator.Name, measure.Key, measure.Kind, measure.Better, value, numerator, null, records, null);
    }
}
