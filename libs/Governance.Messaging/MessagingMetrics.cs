using System.Diagnostics.Metrics;

namespace Governance.Messaging;

/// <summary>
/// The outbox's and inbox's instruments, on one meter that every host listens to
/// (<c>TelemetryExtensions.PlatformMeters</c>).
/// </summary>
internal static class MessagingMetrics
{
    private static readonly Meter Meter = new("Governance.Messaging");

    public static readonly Counter<long> Published = Meter.CreateCounter<long>(
        "governance.outbox.published", "{message}", "Outbox rows the broker confirmed.");

    public static readonly Histogram<double> Lag = Meter.CreateHistogram<double>(
        "governance.outbox.lag", "ms", "From the event's write to the broker's confirm.");

    /// <summary>Any at all wants a look: an event was written that its own service cannot read back.</summary>
    public static readonly Counter<long> DeadLettered = Meter.CreateCounter<long>(
        "governance.outbox.dead_lettered", "{message}", "Outbox rows moved to the dead-letter table after MaxAttempts unreadable rounds.");

    /// <summary>A steady stream of duplicates points at a dispatcher or broker that re-sends.</summary>
    public static readonly Counter<long> Duplicates = Meter.CreateCounter<long>(
        "governance.inbox.duplicates", "{message}", "Deliveries acknowledged without processing because the message id was seen.");
}
