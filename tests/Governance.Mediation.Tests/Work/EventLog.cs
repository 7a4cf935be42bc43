using System.Collections.Concurrent;
using System.Text.Json;
using Governance.Mediation.Tests.Infrastructure;
using Governance.Messaging.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Mediation.Tests.Work;

/// <summary>
/// A case's events wherever they are: still in the outbox, or already published by its dispatcher
/// (which deletes the rows it delivered). Written by the step's own SaveChanges, so a refused step leaves none.
/// </summary>
internal sealed class EventLog : IPublishObserver
{
    private readonly ConcurrentQueue<(Guid MessageId, object Message)> _published = new();
    private readonly MediationHost _host;

    public EventLog(MediationHost host)
    {
        _host = host;
        host.Services.GetRequiredService<IBus>().ConnectPublishObserver(this);
    }

    /// <summary>The JSON of each <typeparamref name="T"/> for <paramref name="caseId"/>, published or waiting in the outbox.</summary>
    public async Task<List<string>> OfAsync<T>(Guid caseId, Func<T, Guid> idOf) where T : class
    {
        var waiting = await _host.QueryAsync(db => db.Set<OutboxMessage>()
            .Where(m => m.AggregateKey == caseId.ToString() && m.MessageType.Contains(typeof(T).Name)).Select(m => new { m.MessageId, m.Body }).ToListAsync());
        var sent = _published.Where(p => p.Message is T t && idOf(t) == caseId && waiting.All(w => w.MessageId != p.MessageId))
            .Select(p => JsonSerializer.Serialize(p.Message, JsonSerializerOptions.Web));
        return waiting.Select(w => w.Body).Concat(sent).ToList();
    }

    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        _published.Enqueue((context.MessageId ?? Guid.Empty, context.Message));
        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
