using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Testing;

/// <summary>
/// Every event a host's bus published (its outbox dispatcher's sends), as the bus saw them: a test
/// waits here for what a user of the events would see, instead of reading the outbox table.
/// </summary>
public sealed class PublishedEvents : IPublishObserver
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly ConcurrentQueue<object> _messages = new();

    public static PublishedEvents Watch(IServiceProvider services)
    {
        var events = new PublishedEvents();
        services.GetRequiredService<IBus>().ConnectPublishObserver(events);
        return events;
    }

    /// <summary>The first <typeparamref name="T"/> matching <paramref name="match"/>; throws when none is published within 10 s.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool> match) where T : class =>
        (await AllAsync(match)).FirstOrDefault()
        ?? throw new TimeoutException($"No {typeof(T).Name} was published within {Patience.TotalSeconds} s.");

    /// <summary>
    /// Every <typeparamref name="T"/> matching <paramref name="match"/> once at least one is published
    /// (empty after 10 s without one); then a short settle, so that a duplicate sent right behind shows too.
    /// </summary>
    public async Task<List<T>> AllAsync<T>(Func<T, bool> match) where T : class
    {
        var until = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < until)
        {
            if (_messages.OfType<T>().Any(match))
            {
                await Task.Delay(200, TestContext.Current.CancellationToken);
                return _messages.OfType<T>().Where(match).ToList();
            }
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        return [];
    }

    /// <summary>The <typeparamref name="T"/> matching <paramref name="match"/> published so far, without waiting.</summary>
    public List<T> Seen<T>(Func<T, bool> match) where T : class => [.. _messages.OfType<T>().Where(match)];

    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        _messages.Enqueue(context.Message);
        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
