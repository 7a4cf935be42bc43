namespace Governance.EndToEnd.Tests.DisputeLoop;

/// <summary>
/// The dispute-loop classes run one after the other, never side by side: each hosts grid and
/// mediation on the one RabbitMQ, and MassTransit publishes by message type to exchanges every
/// host binds to, so two loops at once would each hand their disputes to the other's mediation
/// too (queue prefixes separate queues, not exchanges).
/// </summary>
[CollectionDefinition(Name)]
public sealed class DisputeLoopCollection
{
    public const string Name = "dispute loop on RabbitMQ";
}
