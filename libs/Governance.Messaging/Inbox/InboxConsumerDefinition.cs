using Governance.Messaging.Bus;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Governance.Messaging.Inbox;

/// <summary>
/// How every <see cref="InboxConsumer{TDb, TMessage}"/> takes its batches: up to
/// <c>Messaging:InboxBatchSize</c> messages, waiting at most <c>Messaging:InboxBatchWait</c> for a
/// batch to fill, one batch at a time per endpoint, so that messages are processed in delivery order
/// (which is per-aggregate order from the outbox). Registered for all of them by <c>AddMessaging</c>.
/// </summary>
public sealed class InboxConsumerDefinition<TConsumer>(IOptions<MessagingOptions> options) : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer, IInboxConsumer
{
    /// <inheritdoc />
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        var o = options.Value;
        consumerConfigurator.Options<BatchOptions>(batch => batch
            .SetMessageLimit(o.InboxBatchSize)
            .SetTimeLimit(o.InboxBatchWait)
            .SetConcurrencyLimit(1));
    }
}
