using System.Collections.Concurrent;
using System.Threading.Channels;
using Governance.VideoAlert.Devices;
using Governance.VideoAlert.Sip;
using Governance.VideoAlert.Status;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Governance.VideoAlert.Alarms;

/// <summary>
/// The intakes' way in (SIP and the single webhook alarm): each caller queues its alarm and waits; one writer takes
/// whatever is waiting, up to <see cref="MaxBatch"/>, and stores it in one transaction (<see cref="AlarmBatchWriter"/>),
/// then answers every caller: stored, a repeat (answered as a success, as before), or this alarm's own failure. Nothing
/// waits for a batch to fill: a lone alarm is written at once, and under load the alarms that arrived during one commit
/// make the next batch, so a commit's cost is shared instead of paid per alarm (a few hundred alarms/s before). If the
/// batch fails as a whole, its alarms are stored one by one (<see cref="AlarmStore"/>), so one bad alarm fails alone.
/// A caller that gives up is answered cancelled; its alarm is skipped if the writer had not taken it yet.
/// </summary>
public sealed partial class AlarmBatcher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AlarmBatcher> logger) : BackgroundService
{
    public const int MaxBatch = 500;

    /// <summary>
    /// How long a sender noted as seen by this process is not noted again. Noting costs a transaction or two (its camera's or
    /// platform's row, written only once staler than <see cref="PresenceOptions.SeenResolution"/>), which a platform's
    /// flood paid every batch; a second is far below that resolution, so the row is written as often as before.
    /// </summary>
    public static readonly TimeSpan SeenEvery = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, long> _seenAt = new();

    private readonly Channel<Waiting> _queue = Channel.CreateUnbounded<Waiting>(new UnboundedChannelOptions { SingleReader = true });

    private sealed record Waiting(AlarmIntake Item)
    {
        public TaskCompletionSource<bool> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Stores an alarm built by an intake once committed; false when it repeats one stored before.</summary>
    public Task<bool> SaveAsync(Alarm alarm, CancellationToken ct) => QueueAsync(new AlarmIntake(alarm), ct);

    /// <summary>Stores a SIP alarm once committed (its camera's, else its sender's org) and notes the sender as seen.</summary>
    public Task StoreAsync(DeviceId sender, AlarmNotify notify, CancellationToken ct) => QueueAsync(new AlarmIntake(sender, notify, clock.GetUtcNow()), ct);

    private async Task<bool> QueueAsync(AlarmIntake item, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var waiting = new Waiting(item);
        if (!_queue.Writer.TryWrite(waiting)) throw new InvalidOperationException("Alarm intake is stopping.");
        await using (ct.Register(static (w, token) => ((Waiting)w!).Answer.TrySetCanceled(token), waiting))
            return await waiting.Answer.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Waiting>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var waiting))
                    if (!waiting.Answer.Task.IsCompleted) batch.Add(waiting);
                if (batch.Count > 0) await WriteAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still waiting is answered below.
        }
        finally
        {
            _queue.Writer.TryComplete();
            var stopping = new OperationCanceledException("Alarm intake is stopping.");
            foreach (var waiting in batch) waiting.Answer.TrySetException(stopping);
            while (_queue.Reader.TryRead(out var waiting)) waiting.Answer.TrySetException(stopping);
        }
    }

    private async Task WriteAsync(List<Waiting> batch, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<AlarmBatchWriter>().WriteAsync(batch.Select(w => w.Item).ToList(), ct);
            LogBatch(logger, batch.Count, clock.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            LogBatchFailed(logger, e, batch.Count);
            foreach (var waiting in batch) await OneByOneAsync(waiting, ct);
            return;
        }
        await SendersSeenAsync(batch, ct);
        foreach (var waiting in batch)
        {
            if (waiting.Item.Failure is { } failure) waiting.Answer.TrySetException(failure);
            else waiting.Answer.TrySetResult(waiting.Item.Stored!.Value);
        }
    }

    /// <summary>After a failed batch: this alarm alone, as <see cref="AlarmStore"/> stores one.</summary>
    private async Task OneByOneAsync(Waiting waiting, CancellationToken ct)
    {
        if (waiting.Answer.Task.IsCompleted) return;
        var item = waiting.Item;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<AlarmStore>();
            bool stored;
            if (item.Failure is { } failure) throw failure;
            if (item.Alarm is { } alarm) stored = await store.SaveAsync(alarm, ct);
            else
            {
                await store.StoreAsync(item.Sender!.Value, item.Notify!, ct);
                stored = true;
            }
            if (item.Sender is { } sender) await scope.ServiceProvider.GetRequiredService<CameraDeviceEvents>().SenderSeenAsync(sender.Value, ct);
            waiting.Answer.TrySetResult(stored);
        }
        catch (Exception e)
        {
            waiting.Answer.TrySetException(e);
        }
    }

    /// <summary>A sender's unregister here: its next alarm notes it as seen at once (online again), whatever <see cref="SeenEvery"/> says.</summary>
    public void ForgetSeen(string sender) => _seenAt.TryRemove(sender, out _);

    /// <summary>
    /// Each SIP sender of the batch is seen once (online, last seen), not once per alarm, and not again within
    /// <see cref="SeenEvery"/> of this process noting it; a failure here fails no alarm.
    /// </summary>
    private async Task SendersSeenAsync(List<Waiting> batch, CancellationToken ct)
    {
        var now = clock.GetTimestamp();
        var every = (long)(SeenEvery.TotalSeconds * clock.TimestampFrequency);
        var senders = batch.Where(w => w.Item is { Sender: not null, Failure: null }).Select(w => w.Item.Sender!.Value.Value).Distinct()
            .Where(s => !_seenAt.TryGetValue(s, out var at) || now - at >= every).ToList();
        if (senders.Count == 0) return;
        foreach (var sender in senders) _seenAt[sender] = now;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var events = scope.ServiceProvider.GetRequiredService<CameraDeviceEvents>();
            foreach (var sender in senders) await events.SenderSeenAsync(sender, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            foreach (var sender in senders) _seenAt.TryRemove(sender, out _);
            LogSeenFailed(logger, e, senders.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stored a batch of {Count} alarms in {Milliseconds:F1} ms")]
    private static partial void LogBatch(ILogger logger, int count, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} alarms failed as a whole; storing them one by one")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Noting {Count} SIP senders as seen after their alarms failed; their next message does it")]
    private static partial void LogSeenFailed(ILogger logger, Exception exception, int count);
}
