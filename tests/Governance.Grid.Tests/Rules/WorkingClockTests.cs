using Governance.Grid.WorkingTime;

namespace Governance.Grid.Tests.Rules;

/// <summary>
/// Working-time deadlines over National Day week 2026 as the State Council set it (1–7 October off,
/// Sunday 20 September and Saturday 10 October worked), on the seeded national calendar: 08:30–12:00
/// and 14:00–17:30 Beijing time (UTC+8).
/// </summary>
public sealed class WorkingClockTests
{
    private static readonly WorkingClock National = new(480, WorkingClock.ParsePeriods(WorkingCalendars.DefaultPeriods)!,
        China2026.Days.ToDictionary(d => d.Date, d => d.Kind == "workday"));

    private static DateTime Beijing(int month, int day, int hour, int minute) => new DateTime(2026, month, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-8);

    [Fact]
    public void Two_working_hours_from_the_eve_of_national_day_end_the_morning_after_the_holiday_week()
    {
        // An hour left on Wednesday 30 September, nothing 1–7 October, the second hour on Thursday 8 October.
        Assert.Equal(Beijing(10, 8, 9, 30), National.Add(Beijing(9, 30, 16, 30), 120));
    }

    [Fact]
    public void The_make_up_saturday_after_the_holiday_is_a_working_day()
    {
        // Friday 9 October at 17:00: half an hour that day, the rest on Saturday 10 October (调休上班).
        Assert.Equal(Beijing(10, 10, 9, 0), National.Add(Beijing(10, 9, 17, 0), 60));
    }

    [Fact]
    public void The_make_up_sunday_before_the_holiday_is_a_working_day()
    {
        // Saturday 19 September is off; Sunday 20 September is worked.
        Assert.Equal(Beijing(9, 20, 9, 0), National.Add(Beijing(9, 19, 10, 0), 30));
    }

    [Fact]
    public void An_ordinary_weekend_and_the_lunch_break_are_not_counted()
    {
        Assert.Equal(Beijing(10, 19, 9, 0), National.Add(Beijing(10, 16, 17, 0), 60));   // Friday → Monday
        Assert.Equal(Beijing(10, 14, 14, 30), National.Add(Beijing(10, 14, 11, 30), 60)); // across lunch
        Assert.Equal(Beijing(10, 14, 9, 30), National.Add(Beijing(10, 14, 6, 0), 60));   // before opening
    }

    [Fact]
    public void A_calendar_without_working_time_is_refused_rather_than_looped_on() =>
        Assert.Throws<InvalidOperationException>(() =>
            new WorkingClock(480, WorkingClock.ParsePeriods("08:30-12:00")!, Enumerable.Range(0, WorkingClock.MaxDays + 10)
                .ToDictionary(i => new DateOnly(2026, 1, 1).AddDays(i), _ => false)).Add(Beijing(1, 1, 9, 0), 60));

    [Theory]
    [InlineData("08:30-12:00,14:00-17:30", true)]
    [InlineData("14:00-17:30,08:30-12:00", false)]
    [InlineData("08:30-12:00,11:00-17:30", false)]
    [InlineData("8:30-12:00", false)]
    [InlineData("12:00-08:30", false)]
    [InlineData("", false)]
    public void Working_periods_are_ordered_and_well_formed(string text, bool valid) =>
        Assert.Equal(valid, WorkingClock.ParsePeriods(text) is not null);
}
