using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Grid.WorkingTime;

/// <summary>
/// The working hours of a county (<see cref="Scope"/> = the county's org path) or of the whole
/// country (<see cref="National"/>, used by every county without its own): the day's working periods
/// in local time and the local offset from UTC. Monday to Friday are working days unless a
/// <see cref="CalendarDay"/> says otherwise.
/// </summary>
public sealed class WorkCalendar
{
    public const string National = "national";

    public required string Scope { get; init; }

    /// <summary>Local working periods, e.g. <c>08:30-12:00,14:00-17:30</c>.</summary>
    public required string Periods { get; set; }

    /// <summary>China keeps one time zone without summer time: +480 (UTC+8).</summary>
    public int UtcOffsetMinutes { get; set; } = 480;

    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>A day that breaks the weekly pattern: a public holiday, or a weekend day worked instead (调休).</summary>
public sealed class CalendarDay
{
    public required string Scope { get; init; }
    public DateOnly Date { get; init; }

    /// <summary><c>holiday</c> (no work, whatever the weekday) or <c>workday</c> (work, whatever the weekday).</summary>
    public required string Kind { get; set; }

    public required string Name { get; set; }
}

internal sealed class WorkCalendarConfiguration : IEntityTypeConfiguration<WorkCalendar>
{
    public void Configure(EntityTypeBuilder<WorkCalendar> c)
    {
        c.ToTable("work_calendars");
        c.HasKey(x => x.Scope);
        c.Property(x => x.Scope).HasMaxLength(64);
        c.Property(x => x.Periods).HasMaxLength(200);
        c.Property(x => x.UpdatedBy).HasMaxLength(200);
        c.Property(x => x.Version).IsConcurrencyToken();
        c.HasData(new WorkCalendar
        {
            Scope = WorkCalendar.National, Periods = "08:30-12:00,14:00-17:30", UtcOffsetMinutes = 480, UpdatedAt = China2026.Published, UpdatedBy = "seed",
            Version = new Guid("3a0f3a44-8c8f-4a53-9a0e-20260000000a"),
        });
    }
}

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> d)
    {
        d.ToTable("calendar_days");
        d.HasKey(x => new { x.Scope, x.Date });
        d.Property(x => x.Scope).HasMaxLength(64);
        d.Property(x => x.Kind).HasMaxLength(8);
        d.Property(x => x.Name).HasMaxLength(100);
        d.HasData(China2026.Days.Select(x => new CalendarDay { Scope = WorkCalendar.National, Date = x.Date, Kind = x.Kind, Name = x.Name }));
    }
}
