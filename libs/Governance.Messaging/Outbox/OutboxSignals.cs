using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Governance.Messaging.Outbox;

/// <summary>
/// Wakes a database's dispatcher when a commit in this process has added outbox rows. <see cref="OutboxWakeUp"/> calls it
/// for rows added through <c>AddToOutbox</c>; a service that writes its outbox rows with its own set-based SQL calls
/// <see cref="Notify"/> itself after the commit.
/// </summary>
public sealed class OutboxSignals
{
    private readonly ConcurrentDictionary<Type, Channel<bool>> _channels = new();

    /// <summary>Outbox rows of <paramref name="contextType"/>'s database were committed: its dispatcher goes at once.</summary>
    public void Notify(Type contextType) => For(contextType).Writer.TryWrite(true);

    /// <summary>Waits for a notification or the timeout, whichever is first.</summary>
    internal async Task WaitAsync(Type contextType, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var reader = For(contextType).Reader;
        if (reader.TryRead(out _)) return;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try { await reader.ReadAsync(wait.Token); }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { }
    }

    // Capacity one: any number of commits while the dispatcher works make one more round, not many.
    private Channel<bool> For(Type contextType) => _channels.GetOrAdd(contextType, _ =>
        Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite }));
}
