namespace Governance.Messaging.Outbox;

/// <summary>Headers the outbox puts on what it publishes.</summary>
public static class OutboxHeaders
{
    /// <summary>
    /// The row's sequence in the producing service's outbox: the order of its events, per aggregate the
    /// order of their commits. An inbox sorts each batch by it, because MassTransit's batch order is not
    /// delivery order when a burst is redelivered after a broker restart.
    /// </summary>
    public const string Sequence = "Governance-Outbox-Sequence";
}
