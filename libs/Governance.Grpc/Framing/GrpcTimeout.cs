namespace Governance.Grpc.Framing;

/// <summary>
/// The <c>grpc-timeout</c> header: 1 to 8 ASCII digits and a unit, <c>H</c> hours, <c>M</c> minutes,
/// <c>S</c> seconds, <c>m</c> milliseconds, <c>u</c> microseconds, <c>n</c> nanoseconds.
/// </summary>
public static class GrpcTimeout
{
    /// <summary>Parses <paramref name="value"/>; false when it is not a valid timeout.</summary>
    public static bool TryParse(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (value is null || value.Length is < 2 or > 9) return false;
        var digits = value.AsSpan(0, value.Length - 1);
        foreach (var c in digits) if (!char.IsAsciiDigit(c)) return false;
        var amount = long.Parse(digits, provider: System.Globalization.CultureInfo.InvariantCulture);
        // 99,999,999 hours overflows TimeSpan; treat anything beyond its range as "no practical limit".
        const long maxTicksHours = long.MaxValue / TimeSpan.TicksPerHour;
        timeout = value[^1] switch
        {
            'H' => amount > maxTicksHours ? TimeSpan.MaxValue : TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromMicroseconds(amount),
            'n' => TimeSpan.FromTicks(amount / 100),
            _ => TimeSpan.MinValue,
        };
        return timeout != TimeSpan.MinValue;
    }
}
