using System.Globalization;
using Governance.Grid.Data;
using Governance.Grid.Rules;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.WorkingTime;

/// <summary>
/// Working-time calendars under <c>/api/grid/calendars/{scope}</c>, scope = <c>national</c> or a
/// county's code: the working hours, and a year's holidays and make-up working days (调休), replaced
/// a year at a time as the State Council (or the county) publishes them. Each change is logged in the
/// rules-change log. Deadlines already running keep their time; steps started later use the new calendar.
/// </summary>
public static class CalendarsApi
{
    /// <summary>A calendar's hours and days. <see cref="OwnHours"/> false: a county without hours of its own shows the national ones (and no version).</summary>
    public sealed record CalendarView(string Scope, bool OwnHours, string Periods, int UtcOffsetMinutes, Guid? Version, DateTime UpdatedAt, string UpdatedBy,
        IReadOnlyList<DayView> Days);
    public sealed record DayView(DateOnly Date, string Kind, string Name);
    public sealed record HoursRequest(string? Periods, int? UtcOffsetMinutes, Guid? Version);
    public sealed record YearRequest(IReadOnlyList<DayRequest?>? Days);
    public sealed record DayRequest(DateOnly? Date, string? Kind, string? Name);

    public static IEndpointRouteBuilder MapCalendarsApi(this IEndpointRouteBuilder app)
    {
        var calendars = app.MapGroup("/api/grid/calendars/{scope}");
        calendars.MapGet("", Get).ProducesRefusals(400, 403);
        calendars.MapPut("", PutHours).ProducesRefusals(400, 403, 409);
        calendars.MapPut("/years/{year:int}", PutYear).ProducesRefusals(400, 403);
        return app;
    }

    private static async Task<Ok<CalendarView>> Get(HttpContext http, GridDb db, RulesAccess access, string scope, int? year, CancellationToken ct)
    {
        await access.EnsureReadAsync(http.Caller(), ct);
        await ScopeAsync(db, scope, ct);
        var calendars = await db.Set<WorkCalendar>().AsNoTracking().Where(c => c.Scope == scope || c.Scope == WorkCalendar.National).ToListAsync(ct);
        var own = calendars.FirstOrDefault(c => c.Scope == scope);
        var calendar = own ?? calendars.FirstOrDefault() ?? throw DomainException.NotFound("No national calendar.");
        var days = db.Set<CalendarDay>().AsNoTracking().Where(d => d.Scope == scope);
        if (year is { } y) days = days.Where(d => d.Date >= new DateOnly(y, 1, 1) && d.Date <= new DateOnly(y, 12, 31));
        var list = await days.OrderBy(d => d.Date).Select(d => new DayView(d.Date, d.Kind, d.Name)).ToListAsync(ct);
        return TypedResults.Ok(new CalendarView(scope, own is not null, calendar.Periods, calendar.UtcOffsetMinutes, own?.Version, calendar.UpdatedAt, calendar.UpdatedBy, list));
    }

    /// <summary>Sets the working hours; changing existing hours needs the <c>version</c> read (optimistic concurrency).</summary>
    private static async Task<Ok<CalendarView>> PutHours(HttpContext http, GridDb db, RulesAccess access, TimeProvider clock, string scope, HoursRequest request, CancellationToken ct)
    {
        var caller = http.Caller();
        await EnsureManageAsync(db, access, caller, scope, ct);
        if (WorkingClock.ParsePeriods(request.Periods) is null)
            throw DomainException.Invalid("periods", "Give 1 to 6 ordered, non-overlapping local periods as HH:mm-HH:mm, comma-separated, e.g. 08:30-12:00,14:00-17:30.");
        if (request.UtcOffsetMinutes is { } offset && (offset is < -720 or > 840 || offset % 15 != 0))
            throw DomainException.Invalid("utcOffsetMinutes", "The offset from UTC is -720 to 840 minutes, in steps of 15 (China: 480).");
        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = await db.Set<WorkCalendar>().FirstOrDefaultAsync(c => c.Scope == scope, ct);
        if (calendar is null)
        {
            calendar = new WorkCalendar { Scope = scope, Periods = request.Periods!, UpdatedBy = caller.Subject };
            db.Add(calendar);
        }
        else if (request.Version != calendar.Version)
            throw ChangedMeanwhile(scope);
        db.Entry(calendar).Property(c => c.Version).OriginalValue = calendar.Version;
        (calendar.Periods, calendar.UtcOffsetMinutes, calendar.UpdatedAt, calendar.UpdatedBy, calendar.Version) =
            (request.Periods!.Replace(" ", ""), request.UtcOffsetMinutes ?? calendar.UtcOffsetMinutes, now, caller.Subject, Guid.NewGuid());
        db.Add(new RulesChange { At = now, Actor = caller.Subject, Subject = $"calendar {scope}", Summary = $"hours {calendar.Periods}, UTC{calendar.UtcOffsetMinutes:+0;-0} min" });
        await db.SaveOrConflictAsync(() => ChangedMeanwhile(scope), ct: ct);
        return await Get(http, db, access, scope, null, ct);
    }

    /// <summary>Replaces one year's holidays and make-up working days with the list given (an empty list clears the year).</summary>
    private static async Task<Ok<CalendarView>> PutYear(HttpContext http, GridDb db, RulesAccess access, TimeProvider clock, string scope, int year, YearRequest request, CancellationToken ct)
    {
        var caller = http.Caller();
        await EnsureManageAsync(db, access, caller, scope, ct);
        if (year is < 2000 or > 2100) throw DomainException.Invalid("year", "The year is 2000 to 2100.");
        if (request.Days is not { Count: <= 120 } given) throw DomainException.Invalid("days", "Give the year's days (at most 120; an empty list clears the year).");
        var days = new List<CalendarDay>();
        for (var i = 0; i < given.Count; i++)
        {
            var f = $"days[{i}]";
            var d = given[i] ?? throw DomainException.Invalid(f, "A day is an object.");
            if (d.Date is not { } date || date.Year != year) throw DomainException.Invalid($"{f}.date", $"Each date is a day of {year} (yyyy-MM-dd).");
            if (d.Kind is not ("holiday" or "workday")) throw DomainException.Invalid($"{f}.kind", "The kind is holiday or workday (a weekend day worked instead).");
            var name = d.Name?.Trim();
            if (string.IsNullOrEmpty(name) || name.Length > 100) throw DomainException.Invalid($"{f}.name", "Name the day (1 to 100 characters), e.g. National Day.");
            if (days.Any(x => x.Date == date)) throw DomainException.Invalid($"{f}.date", $"{date:yyyy-MM-dd} is given twice.");
            days.Add(new CalendarDay { Scope = scope, Date = date, Kind = d.Kind, Name = name });
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await db.SaveInOneTransactionAsync(async attempt =>
        {
            await db.Set<CalendarDay>().Where(x => x.Scope == scope && x.Date >= new DateOnly(year, 1, 1) && x.Date <= new DateOnly(year, 12, 31)).ExecuteDeleteAsync(attempt);
            db.AddRange(days);
            db.Add(new RulesChange
            {
                At = now, Actor = caller.Subject, Subject = $"calendar {scope} {year}",
                Summary = $"{days.Count(x => x.Kind == "holiday")} holidays, {days.Count(x => x.Kind == "workday")} make-up working days",
            });
        }, ct);
        return await Get(http, db, access, scope, year, ct);
    }

    private static async Task EnsureManageAsync(GridDb db, RulesAccess access, Caller caller, string scope, CancellationToken ct)
    {
        await ScopeAsync(db, scope, ct);
        if (scope == WorkCalendar.National) await access.EnsureManageEverywhereAsync(caller, ct);
        else await access.EnsureManageAsync(caller, scope, ct);
    }

    /// <summary><c>national</c>, or a county: a root of the org tree this service knows.</summary>
    private static async Task ScopeAsync(GridDb db, string scope, CancellationToken ct)
    {
        if (scope == WorkCalendar.National) return;
        if (scope.Contains('/') || !await db.OrgNodes.AnyAsync(n => n.Path == scope && !n.Retired, ct))
            throw DomainException.Invalid("scope", $"'{scope}' is neither national nor a county's code in the org tree.");
    }

    private static DomainException ChangedMeanwhile(string scope) =>
        DomainException.RuleViolated("CalendarChangedMeanwhile", $"The calendar {scope} was changed meanwhile (or you gave no version): read it and send its version with your change.");
}
