using System.Globalization;
using System.Text.RegularExpressions;
using Governance.ServiceDefaults.Problems;

namespace Governance.Assessment.Indicators;

/// <summary>
/// A scoring period by China-time dates (UTC+8, no daylight saving): a month <c>2026-11</c>, a quarter
/// <c>2026-Q4</c> or a year <c>2026</c>. An event counts in the period its deciding date falls in, in China time: an
/// incident closed at 23:30 on 30 November Beijing time counts in November, though it is 15:30 UTC.
/// </summary>
public sealed partial record Period(string Label, int Year, DateTime StartUtc, DateTime EndUtc)
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>Reads <paramref name="value"/> or refuses naming <paramref name="field"/>.</summary>
    public static Period Parse(string? value, string field = "period")
    {
        var m = Shape().Match(value?.Trim() ?? "");
        if (!m.Success) throw DomainException.Invalid(field, $"The period '{value}' is not a month (2026-11), a quarter (2026-Q4) or a year (2026).");
        var year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 2100) throw DomainException.Invalid(field, "The period's year is 2000 to 2100.");
        var (from, months, label) = m.Groups["month"].Success
            ? (int.Parse(m.Groups["month"].Value, CultureInfo.InvariantCulture), 1, $"{year}-{m.Groups["month"].Value}")
            : m.Groups["quarter"].Success
                ? (int.Parse(m.Groups["quarter"].Value, CultureInfo.InvariantCulture) * 3 - 2, 3, $"{year}-Q{m.Groups["quarter"].Value}")
                : (1, 12, $"{year}");
        var startLocal = new DateTime(year, from, 1, 0, 0, 0, DateTimeKind.Utc);
        return new Period(label, year, startLocal - ChinaOffset, startLocal.AddMonths(months) - ChinaOffset);
    }

    [GeneratedRegex(@"^(?<year>\d{4})(-(?<month>0[1-9]|1[0-2])|-Q(?<quarter>[1-4]))?$")]
    private static partial Regex Shape();
}
