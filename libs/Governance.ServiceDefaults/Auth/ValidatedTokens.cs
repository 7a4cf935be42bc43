using System.Collections.Concurrent;
using System.Security.Claims;

namespace Governance.ServiceDefaults.Auth;

/// <summary>
/// Tokens this host validated lately, so that a client sending the same token on every call (as
/// they do for its five minutes) pays for the signature check once, not per request: an ES256
/// verification costs more than the rest of a small request (bench/run-identity.sh). An entry is
/// used for at most <see cref="CacheFor"/> and never past the token's expiry, and only while the
/// key that signed it is still among the issuer's keys, so a withdrawn key or an expired token is
/// refused as before. Only successes are kept; the set is cleared when it grows past
/// <see cref="MaxEntries"/>.
/// </summary>
internal sealed class ValidatedTokens(TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(60);
    public const int MaxEntries = 10_000;

    private sealed record Entry(ClaimsIdentity Identity, string? Kid, DateTimeOffset Until);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>A copy of the identity validated for <paramref name="token"/>, if still good.</summary>
    public ClaimsIdentity? Find(string token, Func<string?, bool> keyStillPublished)
    {
        if (!_entries.TryGetValue(token, out var entry)) return null;
        if (time.GetUtcNow() < entry.Until && keyStillPublished(entry.Kid)) return entry.Identity.Clone();
        _entries.TryRemove(token, out _);
        return null;
    }

    public void Add(string token, ClaimsIdentity identity, string? kid, DateTimeOffset expires)
    {
        if (_entries.Count >= MaxEntries) _entries.Clear();
        var until = time.GetUtcNow() + CacheFor;
        _entries[token] = new Entry(identity.Clone(), kid, until < expires ? until : expires);
    }
}
