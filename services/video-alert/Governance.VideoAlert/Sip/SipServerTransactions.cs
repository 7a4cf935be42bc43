using System.Collections.Concurrent;
using System.Net;

namespace Governance.VideoAlert.Sip;

/// <summary>
/// Non-INVITE server transactions (RFC 3261 §17.2.2): a retransmitted request, same top Via branch and sent-by, same
/// CSeq, gets the first copy's response, awaited while the handler still runs, without running it again. An entry
/// lives 64×T1 (32 s) after it was created; the table is bounded and beyond it requests are handled unmatched.
/// </summary>
public sealed class SipServerTransactions(TimeProvider clock, int capacity = 10_000, TimeSpan? lifetime = null)
{
    private readonly TimeSpan _lifetime = lifetime ?? TimeSpan.FromSeconds(32);
    private readonly ConcurrentDictionary<string, Entry> _entries = new();
    private long _nextSweep;
    // Kept beside the table: ConcurrentDictionary.Count takes every one of its locks, and asked per request once the
    // table is full (a flood of 2,000 alarms/s fills it in 5 s) it was the intake's main lock contention.
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// The response task for this request: the existing one for a retransmission, else <paramref name="handle"/>
    /// started once. <paramref name="isRetransmission"/> tells the caller which.
    /// </summary>
    public Task<byte[]?> GetOrRun(SipRequest request, IPEndPoint remote, Func<Task<byte[]?>> handle, out bool isRetransmission)
    {
        isRetransmission = false;
        var key = KeyOf(request, remote);
        if (key is null) return handle();
        var now = clock.GetUtcNow();
        Sweep(now);
        if (_entries.TryGetValue(key, out var existing) && existing.Expires > now)
        {
            isRetransmission = true;
            return existing.Response.Task;
        }
        if (Count >= capacity) return handle();
        var entry = new Entry(new TaskCompletionSource<byte[]?>(TaskCreationOptions.RunContinuationsAsynchronously), now + _lifetime);
        if (_entries.TryAdd(key, entry)) Interlocked.Increment(ref _count);
        else
        {
            var stored = _entries.AddOrUpdate(key, entry, (_, old) => old.Expires > now ? old : entry);
            if (!ReferenceEquals(stored, entry))
            {
                isRetransmission = true;
                return stored.Response.Task;
            }
        }
        // Only the caller whose entry went in runs the handler; copies get its outcome through the entry. No lock is held
        // while the handler runs (a Lazy's was, and showed as lock spinning in the intake's profile under load).
        Task<byte[]?> handled;
        try
        {
            handled = handle();
        }
        catch (Exception e)
        {
            handled = Task.FromException<byte[]?>(e);
        }
        if (handled.IsCompleted) entry.Response.TrySetFromTask(handled);
        else handled.ContinueWith(static (t, state) => ((TaskCompletionSource<byte[]?>)state!).TrySetFromTask(t), entry.Response,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return handled;
    }

    /// <summary>
    /// RFC 3261 §17.2.3: branch + sent-by + method when the branch has the magic cookie; otherwise (RFC 2543 peers,
    /// which some GB/T 28181 devices still resemble) Call-ID + CSeq + From tag + top Via. The source address is part of
    /// the key too: a copy replayed from elsewhere is handled (and refused) on its own, never handed the cached answer.
    /// </summary>
    internal static string? KeyOf(SipRequest request, IPEndPoint remote)
    {
        var via = request.TopVia;
        var cseq = request.CSeq;
        if (via is null || cseq is null) return null;
        var method = request.Method == "ACK" ? "INVITE" : request.Method;
        if (via.Branch is { } branch && branch.StartsWith(SipVia.MagicCookie, StringComparison.Ordinal))
            return $"{branch}|{via.SentBy}|{method}|{cseq.Number}|{remote}";
        return $"{request.CallId}|{cseq.Number}|{method}|{request.From?.Tag}|{request.Headers.GetAll("Via")[0]}|{remote}";
    }

    private void Sweep(DateTimeOffset now)
    {
        var ticks = now.UtcTicks;
        var next = Interlocked.Read(ref _nextSweep);
        if (ticks < next || Interlocked.CompareExchange(ref _nextSweep, ticks + TimeSpan.TicksPerSecond, next) != next) return;
        foreach (var (key, entry) in _entries)
            if (entry.Expires <= now && _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry))) Interlocked.Decrement(ref _count);
    }

    private sealed record Entry(TaskCompletionSource<byte[]?> Response, DateTimeOffset Expires);
}
