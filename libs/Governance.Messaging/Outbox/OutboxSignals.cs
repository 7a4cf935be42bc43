using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Governance.Messaging.Outbox;

/// <summary>Wakes a database's dispatcher when a commit in this process has added outbox rows.</summary>
internal sealed class OutboxSignals
{
    private readonly ConcurrentDictionary<Type, Channel<bool>> _channels = new();

    public void Notify(Type contextType) => For(contextType).Writer.TryWrite(true);

    /// <summary>Waits for a notification or the timeout, whichever is first.</summary>
    public async Task WaitAsync(Type contextType, TimeSpan timeout, CancellationToken cancellationToken)
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
