namespace Governance.Grid.WorkingTime;

/// <summary>
/// The national calendar seeded for 2026, from 国务院办公厅关于2026年部分节假日安排的通知 (State Council
/// General Office, 4 November 2025, published by Xinhua): the holidays and the weekend days worked
/// instead (调休). Later years are entered through the calendars API when they are published.
/// </summary>
public static class China2026
{
    public static readonly DateTime Published = new(2025, 11, 4, 0, 0, 0, DateTimeKind.Utc);

    public static readonly IReadOnlyList<(DateOnly Date, string Kind, string Name)> Days =
    [
        .. Holiday(new(2026, 1, 1), new(2026, 1, 3), "元旦"),
        (new(2026, 1, 4), "workday", "元旦调休上班"),
        (new(2026, 2, 14), "workday", "春节调休上班"),
        .. Holiday(new(2026, 2, 15), new(2026, 2, 23), "春节"),
        (new(2026, 2, 28), "workday", "春节调休上班"),
        .. Holiday(new(2026, 4, 4), new(2026, 4, 6), "清明节"),
        .. Holiday(new(2026, 5, 1), new(2026, 5, 5), "劳动节"),
        (new(2026, 5, 9), "workday", "劳动节调休上班"),
        .. Holiday(new(2026, 6, 19), new(2026, 6, 21), "端午节"),
        (new(2026, 9, 20), "workday", "国庆节调休上班"),
        .. Holiday(new(2026, 9, 25), new(2026, 9, 27), "中秋节"),
        .. Holiday(new(2026, 10, 1), new(2026, 10, 7), "国庆节"),
        (new(2026, 10, 10), "workday", "国庆节调休上班"),
    ];

    private static IEnumerable<(DateOnly, string, string)> Holiday(DateOnly from, DateOnly to, string name)
    {
        for (var d = from; d <= to; d = d.AddDays(1)) yield return (d, "holiday", name);
    }
}
