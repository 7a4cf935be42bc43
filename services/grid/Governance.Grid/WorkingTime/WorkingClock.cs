namespace Governance.Grid.WorkingTime;

/// <summary>
/// A county's working time as one value: its local offset, its daily working periods and the days
/// that break the Monday-to-Friday pattern. <see cref="Add"/> counts minutes inside working periods only.
/// </summary>
public sealed record WorkingClock(int UtcOffsetMinutes, IReadOnlyList<(TimeOnly From, TimeOnly To)> Periods, IReadOnlyDictionary<DateOnly, bool> Exceptions)
{
    /// <summary>A deadline further than this many days ahead means a calendar with (almost) no working time: refused, not looped on.</summary>
    public const int MaxDays = 10 * 366;

    public bool IsWorkingDay(DateOnly day) =>
        Exceptions.TryGetValue(day, out var working) ? working : day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The UTC moment <paramref name="minutes"/> of working time after <paramref name="startUtc"/>.</summary>
    /// <exception cref="InvalidOperationException">The calendar has no working time within <see cref="MaxDays"/>.</exception>
    public DateTime Add(DateTime startUtc, double minutes)
    {
        var offset = TimeSpan.FromMinutes(UtcOffsetMinutes);
        var cursor = DateTime.SpecifyKind(startUtc, DateTimeKind.Unspecified) + offset;
        var remaining = TimeSpan.FromMinutes(minutes);
        var day = DateOnly.FromDateTime(cursor);
        for (var i = 0; i < MaxDays; i++, day = day.AddDays(1))
        {
            if (!IsWorkingDay(day)) continue;
            foreach (var (from, to) in Periods)
            {
                var start = day.ToDateTime(from);
                var end = day.ToDateTime(to);
                if (cursor > start) start = cursor;
                if (start >= end) continue;
                var span = end - start;
                if (remaining <= span) return DateTime.SpecifyKind(start + remaining - offset, DateTimeKind.Utc);
                remaining -= span;
            }
        }
        throw new InvalidOperationException($"The calendar has no working time for {minutes} minutes within {MaxDays} days.");
    }

    /// <summary>Reads <c>08:30-12:00,14:00-17:30</c>: ordered, non-overlapping periods within a day; null when malformed.</summary>
    public static IReadOnlyList<(TimeOnly From, TimeOnly To)>? ParsePeriods(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var periods = new List<(TimeOnly, TimeOnly)>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length != 2 || !TimeOnly.TryParseExact(ends[0], "HH:mm", out var from) || !TimeOnly.TryParseExact(ends[1], "HH:mm", out var to) || from >= to)
                return null;
            if (periods.Count > 0 && from < periods[^1].Item2) return null;
            periods.Add((from, to));
        }
        return periods.Count is > 0 and <= 6 ? periods : null;
    }
}
