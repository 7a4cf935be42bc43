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

    public int Count => _entries.Count;

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
            return existing.Response.Value;
        }
        if (_entries.Count >= capacity) return handle();
        var entry = new Entry(new Lazy<Task<byte[]?>>(handle), now + _lifetime);
        var stored = _entries.AddOrUpdate(key, entry, (_, old) => old.Expires > now ? old : entry);
        isRetransmission = !ReferenceEquals(stored, entry);
        return stored.Response.Value;
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
            if (entry.Expires <= now) _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
    }

    private sealed record Entry(Lazy<Task<byte[]?>> Response, DateTimeOffset Expires);
}
