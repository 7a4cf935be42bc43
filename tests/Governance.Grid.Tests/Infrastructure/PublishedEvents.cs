using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Grid.Tests.Infrastructure;

/// <summary>
/// Every event the host's outbox published, as the bus saw it: whether the dispatcher has sent a row
/// yet or not, a test waits here instead of guessing from the outbox table.
/// </summary>
public sealed class PublishedEvents : IPublishObserver
{
    private readonly ConcurrentQueue<object> _messages = new();

    public static PublishedEvents Watch(GridHost host)
    {
        var events = new PublishedEvents();
        host.Services.GetRequiredService<IBus>().ConnectPublishObserver(events);
        return events;
    }

    /// <summary>The <typeparamref name="T"/> events matching <paramref name="match"/>, waiting up to 10 s for at least one.</summary>
    public async Task<List<T>> OfAsync<T>(Func<T, bool> match) where T : class
    {
        for (var i = 0; i < 100; i++)
        {
            var found = _messages.OfType<T>().Where(match).ToList();
            if (found.Count > 0) return found;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        return [];
    }

    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        _messages.Enqueue(context.Message);
        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
