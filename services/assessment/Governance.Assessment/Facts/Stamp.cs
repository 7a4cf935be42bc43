namespace Governance.Assessment.Facts;

/// <summary>
/// Which of two events owning the same field wins (ADR 0013 §2): the later <c>OccurredAt</c>, then the larger message
/// id. Whatever order events arrive in, the same one wins, so every arrival order ends in the same row.
/// </summary>
internal static class Stamp
{
    /// <summary>True when the event (<paramref name="at"/>, <paramref name="message"/>) is newer than the one the field holds.</summary>
    public static bool Wins(DateTime at, Guid message, DateTime? heldAt, Guid? heldMessage) =>
        heldAt is not { } held || at > held || (at == held && message.CompareTo(heldMessage ?? Guid.Empty) > 0);

    /// <summary>
    /// UTC, to the microsecond: PostgreSQL keeps no finer, so a stamp read back must compare with a new event as the
    /// one written did.
    /// </summary>
    public static DateTime Normal(DateTime at)
    {
        var utc = at.Kind switch { DateTimeKind.Local => at.ToUniversalTime(), DateTimeKind.Unspecified => DateTime.SpecifyKind(at, DateTimeKind.Utc), _ => at };
        return new DateTime(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);
    }

    /// <summary>The start of <paramref name="day"/> (a China-time date, UTC+8 without daylight saving) as UTC.</summary>
    public static DateTime StartOfChinaDay(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
}
