using System.Text.Json;
using Governance.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Governance.Messaging.Outbox;

/// <summary>Writing events through the outbox, and the background work that publishes them.</summary>
public static class OutboxExtensions
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Adds <paramref name="message"/> to the outbox of <paramref name="db"/>: it is stored by the next
    /// <c>SaveChanges</c>, in the same transaction as the state change, and published after the commit.
    /// Events of one <paramref name="aggregateKey"/> reach the broker in the order they were added.
    /// </summary>
    public static OutboxMessage AddToOutbox<T>(this DbContext db, T message, string? aggregateKey = null) where T : class
    {
        var row = new OutboxMessage
        {
            MessageId = Guid.CreateVersion7(),
            MessageType = MessageTypes.NameOf(message.GetType()),
            Body = JsonSerializer.Serialize(message, message.GetType(), Json),
            AggregateKey = aggregateKey,
            CreatedAt = DateTime.UtcNow,
        };
        db.Set<OutboxMessage>().Add(row);
        return row;
    }

    /// <summary>
    /// Publishes the outbox of <typeparamref name="TDb"/> (mapped with <see cref="MessagingModelExtensions.AddOutboxAndInbox"/>)
    /// and sweeps its inbox. Options under <c>Messaging:Outbox</c>.
    /// </summary>
    public static IHostApplicationBuilder AddOutbox<TDb>(this IHostApplicationBuilder builder) where TDb : DbContext
    {
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section)
            .Validate(o => o.BatchSize is > 0 and <= 10_000, "Messaging:Outbox:BatchSize must be 1-10000.")
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.PublishTimeout > TimeSpan.Zero, "Messaging:Outbox intervals must be positive.")
            .Validate(o => o.MaxAttempts is >= 1 and <= 1_000_000, "Messaging:Outbox:MaxAttempts must be 1-1000000.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton<OutboxSignals>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IInterceptor, OutboxWakeUp>());
        builder.Services.AddHostedService<OutboxDispatcher<TDb>>();
        builder.Services.AddHostedService<InboxSweeper<TDb>>();
        return builder;
    }
}
