namespace Governance.VideoAlert.Routing;

/// <summary>
/// How routing runs and how long each priority has to be acknowledged (options, not rules: they are per deployment,
/// not per area). JSON: "VideoAlert": { "Routing": { "PollInterval": "00:00:00.500", "Parallelism": 32, "Lease": "00:00:30",
/// "FirstRetry": "00:00:02", "MaxRetry": "00:05:00", "SweepInterval": "00:00:30",
/// "AckDeadlines": { "Priority1": "00:05:00", "Priority2": "00:15:00", "Priority3": "01:00:00", "Priority4": "04:00:00" } } }.
/// </summary>
public sealed class RoutingOptions
{
    public const string Section = "VideoAlert:Routing";

    /// <summary>How often the router looks for open alerts when nothing woke it (a safety net for alerts committed by another replica or before a crash).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Alerts in flight at once in one replica: each mostly waits on grid's ReportIncident (a dozen statements and two
    /// commits there), so at 100 alerts/s a busy grid needs a few dozen in flight to keep up (the bench: 8 queued
    /// without end). SQLite (the standalone) serialises writes, so it sets 8.
    /// </summary>
    public int Parallelism { get; set; } = 32;

    /// <summary>How long a replica holds an alert it is routing; another may take it over after that (a crash mid-route).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait after the first failed attempt (grid away), doubled each time up to <see cref="MaxRetry"/>.</summary>
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the deadline sweep looks for routed alerts past their acknowledgment deadline.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    public AckDeadlineOptions AckDeadlines { get; set; } = new();

    public TimeSpan RetryAfter(int attempts) =>
        TimeSpan.FromTicks(Math.Min(MaxRetry.Ticks, FirstRetry.Ticks * (1L << Math.Clamp(attempts - 1, 0, 20))));

    public bool IsValid() =>
        PollInterval > TimeSpan.Zero && Parallelism is >= 1 and <= 64 && Lease > TimeSpan.Zero && FirstRetry > TimeSpan.Zero && MaxRetry >= FirstRetry && SweepInterval > TimeSpan.Zero
        && AckDeadlines.Priority1 > TimeSpan.Zero && AckDeadlines.Priority2 > TimeSpan.Zero && AckDeadlines.Priority3 > TimeSpan.Zero && AckDeadlines.Priority4 > TimeSpan.Zero;
}

/// <summary>Time to acknowledge a routed alert, by priority; an escalated alert gets the same time again at the level above.</summary>
public sealed class AckDeadlineOptions
{
    public TimeSpan Priority1 { get; set; } = TimeSpan.FromMinutes(5);
    public TimeSpan Priority2 { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan Priority3 { get; set; } = TimeSpan.FromHours(1);
    public TimeSpan Priority4 { get; set; } = TimeSpan.FromHours(4);

    public TimeSpan For(int priority) => priority switch
    {
        <= 1 => Priority1,
        2 => Priority2,
        3 => Priority3,
        _ => Priority4,
    };
}
