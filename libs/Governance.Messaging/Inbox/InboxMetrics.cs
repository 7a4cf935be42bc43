using System.Diagnostics.Metrics;

namespace Governance.Messaging.Inbox;

/// <summary>What the inboxes absorbed: a steady stream of duplicates points at a dispatcher or broker that re-sends.</summary>
internal static class InboxMetrics
{
    private static readonly Meter Meter = new("Governance.Messaging");

    public static readonly Counter<long> Duplicates = Meter.CreateCounter<long>(
        "governance.inbox.duplicates", "{message}", "Deliveries acknowledged without processing because the message id was seen.");
}
