using System.Globalization;
using Governance.Console.Api;

namespace Governance.Console.Text;

/// <summary>Assessment's scores in words: rules, figures (rates as percentages, as the county's spreadsheet shows them), record links.</summary>
public static class AssessmentText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A share 0–1 (shown as a percentage), as opposed to a count or a per-day average.</summary>
    public static bool IsRate(ScoreItem item) =>
        item.Measure == "manual_rate" || (item.Denominator is not null && item.Measure != "grid_worker_valid_reports_per_day");

    public static string Figure(decimal? value, bool rate) =>
        value is not { } v ? "—" : rate ? (v * 100).ToString("0.##", Invariant) + "%" : v.ToString("0.##", Invariant);

    public static string Points(decimal points) => points.ToString("0.##", Invariant);

    public static string Rule(ConsoleLanguage l, string rule) => rule switch
    {
        "linear" => l.T("线性计分", "Linear"),
        "threshold" => l.T("达标计分", "Threshold"),
        "deduction" => l.T("扣分", "Deduction"),
        "bonus" => l.T("加分", "Bonus"),
        _ => rule,
    };

    /// <summary>
    /// True for assessment's own paths of an item's records: live (<c>/api/assessment/records?</c>) or as published
    /// (<c>/api/assessment/published/{id}/records?</c>). The console follows no other path a service hands it.
    /// </summary>
    public static bool IsRecordsPath(string path)
    {
        if (path.StartsWith("/api/assessment/records?", StringComparison.Ordinal)) return true;
        const string published = "/api/assessment/published/";
        if (!path.StartsWith(published, StringComparison.Ordinal)) return false;
        var rest = path[published.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && Guid.TryParseExact(rest[..slash], "D", out _) && rest[slash..].StartsWith("/records?", StringComparison.Ordinal);
    }

    /// <summary>The year of a period (<c>2026-11</c>, <c>2026-Q4</c>, <c>2026</c>).</summary>
    public static int YearOf(string period) => int.Parse(period.AsSpan(0, 4), Invariant);

    /// <summary>This month in Beijing time (assessment's periods are Beijing-time dates), e.g. 2026-11.</summary>
    public static string ThisMonth(DateTime utcNow) => utcNow.AddHours(8).ToString("yyyy-MM", Invariant);

    /// <summary>
    /// Where the console shows a record behind a point: an incident opens in the console's own incident page; records
    /// of services the console has no page for yet (disputes, alerts, houses, cameras) are listed by their number only.
    /// </summary>
    public static string? ConsolePage(RecordRef record) =>
        record.Link.StartsWith("/api/grid/incidents/", StringComparison.Ordinal) && Guid.TryParse(record.Link["/api/grid/incidents/".Length..], out var id)
            ? $"{ConsoleOptions.BasePath}/incidents/{id}"
            : null;

    public static string Kind(ConsoleLanguage l, RecordRef record) => record.Link switch
    {
        var s when s.StartsWith("/api/grid/incidents/", StringComparison.Ordinal) => l.T("事件", "Incident"),
        var s when s.StartsWith("/api/mediation/", StringComparison.Ordinal) => l.T("矛盾纠纷", "Dispute"),
        var s when s.StartsWith("/api/videoalert/alerts/", StringComparison.Ordinal) => l.T("视频告警", "Video alert"),
        var s when s.StartsWith("/api/videoalert/cameras/", StringComparison.Ordinal) => l.T("摄像机", "Camera"),
        var s when s.StartsWith("/api/population/houses/", StringComparison.Ordinal) => l.T("房屋复查", "Rental inspection"),
        var s when s.StartsWith("/api/population/care/", StringComparison.Ordinal) => l.T("走访统计", "Visit counts"),
        var s when s.StartsWith("/api/identity/users/", StringComparison.Ordinal) => l.T("网格员", "Grid worker"),
        var s when s.StartsWith("/api/assessment/manual-values/", StringComparison.Ordinal) => l.T("填报值", "Submitted value"),
        var s when s.StartsWith("/api/assessment/tasks/", StringComparison.Ordinal) => l.T("月度任务", "Monthly task"),
        _ => l.T("记录", "Record"),
    };
}
