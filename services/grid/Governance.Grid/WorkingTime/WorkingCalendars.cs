using Governance.Grid.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.WorkingTime;

/// <summary>
/// The working clock of the county a record lies in (the first segment of its org path): the
/// county's own hours, else the national ones; the national days, each overridden by the county's
/// own entry for the same date.
/// </summary>
public sealed class WorkingCalendars(GridDb db)
{
    public const string DefaultPeriods = "08:30-12:00,14:00-17:30";

    public static string CountyOf(string orgPath) => orgPath.Split('/')[0];

    public async Task<WorkingClock> ForAsync(string orgPath, DateTime fromUtc, CancellationToken ct)
    {
        var county = CountyOf(orgPath);
        var calendars = await db.Set<WorkCalendar>().AsNoTracking().Where(c => c.Scope == county || c.Scope == WorkCalendar.National).ToListAsync(ct);
        var calendar = calendars.FirstOrDefault(c => c.Scope == county) ?? calendars.FirstOrDefault();
        // A day before in UTC covers the local date the start falls on.
        var from = DateOnly.FromDateTime(fromUtc).AddDays(-1);
        var days = await db.Set<CalendarDay>().AsNoTracking()
            .Where(d => d.Date >= from && (d.Scope == county || d.Scope == WorkCalendar.National)).ToListAsync(ct);
        var exceptions = days.Where(d => d.Scope == WorkCalendar.National).ToDictionary(d => d.Date, d => d.Kind == "workday");
        foreach (var own in days.Where(d => d.Scope == county)) exceptions[own.Date] = own.Kind == "workday";
        return new WorkingClock(calendar?.UtcOffsetMinutes ?? 480,
            WorkingClock.ParsePeriods(calendar?.Periods) ?? WorkingClock.ParsePeriods(DefaultPeriods)!, exceptions);
    }
}
