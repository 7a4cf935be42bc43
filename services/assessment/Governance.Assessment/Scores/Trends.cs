using Governance.Assessment.Access;
using Governance.Assessment.Indicators;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;

namespace Governance.Assessment.Scores;

/// <summary>
/// A department's score month by month through a year (目标考核走势): each month begun so far (Beijing time) scored by the
/// letter in force as its scorecard is, with the change from the month before, so a centre sees who is slipping before
/// the year's ranking says so. Each month opens into its scorecard (<see cref="TrendMonth.Scorecard"/>).
/// </summary>
public sealed class Trends(Scorecards scorecards, DepartmentAccess access, TimeProvider clock)
{
    public sealed record TrendMonth(string Period, decimal Total, decimal MaxPoints, decimal? Change, string Scorecard);

    public sealed record Trend(string DepartmentId, string DepartmentName, int Year, IReadOnlyList<TrendMonth> Months);

    public async Task<Trend> ForDepartmentAsync(Caller caller, string? departmentId, int? year, CancellationToken ct)
    {
        if (year is not { } y || y is < 2000 or > 2100) throw DomainException.Invalid("year", "The year is 2000 to 2100.");
        var department = await access.DepartmentAsync(departmentId, "department", ct);
        await access.EnsureMayReadAsync(caller, department, ct);
        var today = clock.GetUtcNow().UtcDateTime.AddHours(8);
        var months = y < today.Year ? 12 : y == today.Year ? today.Month : 0;
        var points = new List<TrendMonth>(months);
        decimal? before = null;
        for (var m = 1; m <= months; m++)
        {
            var period = $"{y}-{m:D2}";
            var card = await scorecards.ComputeAsync(department, Period.Parse(period), ct)
                ?? throw DomainException.NotFound($"Department {department.DepartmentId} has no signed responsibility letter for {y}.");
            points.Add(new TrendMonth(period, card.Total, card.MaxPoints, before is { } b ? card.Total - b : null,
                $"/api/assessment/scorecard?department={department.DepartmentId}&period={period}"));
            before = card.Total;
        }
        return new Trend(department.DepartmentId, department.Name, y, points);
    }
}
