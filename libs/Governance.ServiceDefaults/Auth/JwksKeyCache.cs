using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Governance.ServiceDefaults.Auth;

/// <summary>
/// The issuer's signing keys, cached. They are refetched when older than
/// <see cref="AuthOptions.JwksRefreshInterval"/> and when a token names a <c>kid</c> the cache does
/// not hold (a key rotated at the issuer), but never twice within
/// <see cref="AuthOptions.JwksMinRefreshInterval"/>. Concurrent callers share one fetch; a failed
/// fetch keeps the last good keys.
/// </summary>
internal sealed partial class JwksKeyCache(JwksSource source, IOptions<AuthOptions> options, TimeProvider time, ILogger<JwksKeyCache> logger)
{
    private sealed record Snapshot(IReadOnlyList<SecurityKey> Keys, DateTimeOffset FetchedAt)
    {
        public bool Holds(string kid) => Keys.Any(k => k.KeyId == kid);
    }

    private readonly Lock _gate = new();
    private volatile Snapshot _current = new([], DateTimeOffset.MinValue);
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;
    private Task<Snapshot>? _inFlight;

    /// <summary>True when the keys held now (no fetch) include <paramref name="kid"/>, or any key when it names none.</summary>
    public bool Holds(string? kid) => kid is null ? _current.Keys.Count > 0 : _current.Holds(kid);

    /// <summary>The keys to validate a token whose header names <paramref name="kid"/> (null when it names none).</summary>
    public async Task<IReadOnlyList<SecurityKey>> GetKeysAsync(string? kid, CancellationToken cancellationToken)
    {
        var current = _current;
        var now = time.GetUtcNow();
        var stale = now - current.FetchedAt >= options.Value.JwksRefreshInterval;
        var unknown = kid is null ? current.Keys.Count == 0 : !current.Holds(kid);
        if (!stale && !unknown) return current.Keys;

        Task<Snapshot>? fetch;
        lock (_gate)
        {
            if (_inFlight is { IsCompleted: false }) fetch = _inFlight;
            else if (now - _lastAttempt < options.Value.JwksMinRefreshInterval) fetch = null;
            else
            {
                _lastAttempt = now;
                fetch = _inFlight = FetchAsync();
            }
        }
        // One caller giving up must not cancel the fetch the others wait for.
        return fetch is null ? current.Keys : (await fetch.WaitAsync(cancellationToken)).Keys;
    }

    private async Task<Snapshot> FetchAsync()
    {
        await Task.Yield(); // leave the lock before doing any I/O
        try
        {
            var keys = await source.FetchAsync(CancellationToken.None);
            _current = new Snapshot(keys, time.GetUtcNow());
            LogFetched(logger, keys.Count, source.JwksUri);
        }
        catch (Exception e) // whatever went wrong (network, status, JSON, key material), the last good keys stay
        {
            LogFetchFailed(logger, e, source.JwksUri?.ToString() ?? options.Value.Issuer);
        }
        return _current;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {KeyCount} signing keys from {JwksUri}")]
    private static partial void LogFetched(ILogger logger, int keyCount, Uri? jwksUri);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch signing keys from {Source}; keeping the last good keys")]
    private static partial void LogFetchFailed(ILogger logger, Exception exception, string? source);
}
