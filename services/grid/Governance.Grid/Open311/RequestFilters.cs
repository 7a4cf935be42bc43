using System.Globalization;
using System.Linq.Expressions;
using System.Text.RegularExpressions;
using Governance.Grid.Incidents;
using Governance.ServiceDefaults.Problems;

namespace Governance.Grid.Open311;

/// <summary>The filters of <c>GET requests</c>: a date window of at most 90 days and open/closed.</summary>
internal static partial class RequestFilters
{
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(90);
    public const int MaxResults = 1000;

    /// <summary>States reported as <c>open</c> (a dispute in mediation among them); every other state ends the loop and reads <c>closed</c>.</summary>
    public static readonly IncidentState[] Open =
        [IncidentState.Reported, IncidentState.Registered, IncidentState.Dispatched, IncidentState.Returned, IncidentState.Accepted, IncidentState.Handled,
         IncidentState.Verified, IncidentState.HandedOver];

    /// <summary>From start_date to end_date; missing ends default to now and 90 days before the other end.</summary>
    public static (DateTime From, DateTime To) Window(string? start, string? end, DateTime now)
    {
        var to = end is null ? now : Date(end, "end_date");
        var from = start is null ? to - MaxSpan : Date(start, "start_date");
        if (from > to) throw DomainException.Invalid("start_date", "start_date must not be after end_date.");
        if (to - from > MaxSpan)
            throw DomainException.Invalid("end_date", $"The dates span {(to - from).TotalDays:0.#} days; at most 90 days may be asked for at once.");
        return (from, to);
    }

    public static Expression<Func<Incident, bool>> Status(string value)
    {
        var wanted = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (wanted.Count == 0 || wanted.Any(s => s is not ("open" or "closed")))
            throw DomainException.Invalid("status", $"status '{value}' must be open, closed or both, comma-separated.");
        return wanted.Count == 2 ? _ => true : wanted[0] == "open" ? i => Open.Contains(i.State) : i => !Open.Contains(i.State);
    }

    public static bool IsOpen(IncidentState state) => Open.Contains(state);

    private static DateTime Date(string value, string field)
    {
        // A "+08:00" offset left unencoded in a query string arrives as " 08:00": read it as meant.
        var repaired = UnencodedPlus().Replace(value, "$1+$2");
        return DateTimeOffset.TryParse(repaired, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) && repaired.Contains('T')
            ? parsed.UtcDateTime
            : throw DomainException.Invalid(field, $"{field} '{value}' is not an ISO 8601 date-time with zone, e.g. 2026-11-24T08:00:00+08:00.");
    }

    [GeneratedRegex(@"^(.*T[0-9:.]+) ([0-9]{2}:?[0-9]{2})$")]
    private static partial Regex UnencodedPlus();
}
