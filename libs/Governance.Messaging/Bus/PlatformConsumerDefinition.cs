using Governance.Messaging.Inbox;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Governance.Messaging.Bus;

/// <summary>
/// Every consumer's definition, registered by <c>AddMessaging</c> (a consumer added with a definition
/// of its own keeps that one, and then brings its own retries):
/// <list type="bullet">
/// <item>an <see cref="InboxConsumer{TDb, TMessage}"/> takes batches of up to
/// <c>Messaging:InboxBatchSize</c> messages, waiting at most <c>Messaging:InboxBatchWait</c> for one to
/// fill, one batch at a time per endpoint, so that messages are processed in delivery order (the
/// outbox's per-aggregate order) - except that a batch closed by its wait can miss a message whose delivery task
/// handed it over a moment late, which then comes in the next batch, after later ones (seen under load in
/// <c>InboxBatchTests</c>): consumers that need each aggregate's order strictly run with <c>InboxBatchSize</c> 1,
/// the others fold order-independently. It retries inside the batch, in place (<see cref="InboxConsumer{TDb, TMessage}"/>):
/// a retry outside it would let the messages behind overtake the retried one;</item>
/// <item>any other consumer is retried by MassTransit at the consumer (<c>Messaging:RetryIntervalsMs</c>).</item>
/// </list>
/// Both then leave a message that still fails to the endpoint's <c>_error</c> queue.
/// </summary>
/// <remarks>No type constraint: the container would throw for a consumer that does not meet it instead of passing over it.</remarks>
public sealed class PlatformConsumerDefinition<TConsumer>(IOptions<MessagingOptions> options) : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    /// <inheritdoc />
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        var o = options.Value;
        if (!typeof(IInboxConsumer).IsAssignableFrom(typeof(TConsumer)))
        {
            consumerConfigurator.UseMessageRetry(retry => retry.Intervals(o.EffectiveRetryIntervalsMs));
            return;
        }
        consumerConfigurator.Options<BatchOptions>(batch => batch
            .SetMessageLimit(o.InboxBatchSize)
            .SetTimeLimit(o.InboxBatchWait)
            .SetConcurrencyLimit(1));
        // A batch can only fill with messages the endpoint hands over at once: at least a batch's worth
        // in flight and prefetched (the bus-wide limits can be lower, e.g. 1 for strict ordering before).
        if (endpointConfigurator.ConcurrentMessageLimit is not { } limit || limit < o.InboxBatchSize)
            endpointConfigurator.ConcurrentMessageLimit = o.InboxBatchSize;
        if (endpointConfigurator.PrefetchCount < o.InboxBatchSize) endpointConfigurator.PrefetchCount = o.InboxBatchSize;
    }
}
