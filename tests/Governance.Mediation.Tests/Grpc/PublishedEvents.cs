using System.Collections.Concurrent;
using MassTransit;

namespace Governance.Mediation.Tests.Grpc;

/// <summary>Every message the service's bus publishes (the outbox dispatcher's sends), seen from outside the service.</summary>
internal sealed class PublishedEvents : IPublishObserver
{
    public ConcurrentQueue<object> Messages { get; } = new();

    public async Task<T> WaitForAsync<T>(Func<T, bool> match) where T : class
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < until)
        {
            if (Messages.OfType<T>().FirstOrDefault(match) is { } found) return found;
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"No {typeof(T).Name} was published within 10 s.");
    }

    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        Messages.Enqueue(context.Message);
        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
