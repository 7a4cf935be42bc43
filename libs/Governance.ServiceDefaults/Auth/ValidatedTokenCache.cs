using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Governance.ServiceDefaults.Auth;

/// <summary>
/// Identities JwtBearer validated lately, so that a client sending the same token on every call
/// pays for the ES256 verification once, not per request: it costs more than the rest of a small
/// request (bench/run-identity.sh measures both ways). Kept in a <see cref="MemoryCache"/> bounded
/// by <see cref="AuthOptions.ValidatedTokenCacheSize"/> entries; an entry is used for at most
/// <see cref="CacheFor"/>, never past the token's expiry, and only while the issuer's key set it
/// was validated against is still the current one, so a key withdrawn at the issuer is refused as
/// soon as the keys have been read again. Only successes are kept, keyed by the whole Authorization
/// header that carried the token.
/// </summary>
internal sealed class ValidatedTokenCache(IOptions<AuthOptions> auth, IOptionsMonitor<JwtBearerOptions> bearer) : IDisposable
{
    // As long as identity's access tokens live: nothing but expiry and key withdrawal (both checked)
    // ends a token's validity, so a shorter stay would only verify the same signature again.
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    private sealed record Entry(ClaimsIdentity Identity, OpenIdConnectConfiguration Keys);

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, auth.Value.ValidatedTokenCacheSize) });

    private bool Enabled => auth.Value.ValidatedTokenCacheSize > 0;

    /// <summary>A copy of the identity validated for the token in <paramref name="header"/>, if still good.</summary>
    public async ValueTask<ClaimsIdentity?> FindAsync(string header, CancellationToken cancellationToken)
    {
        if (!Enabled || !_entries.TryGetValue(header, out Entry? entry) || entry is null) return null;
        if (ReferenceEquals(await CurrentKeysAsync(cancellationToken), entry.Keys)) return entry.Identity.Clone();
        _entries.Remove(header);
        return null;
    }

    /// <summary>Remembers the header of a token JwtBearer has just validated, signed by <paramref name="kid"/> and good until <paramref name="expires"/>.</summary>
    public async ValueTask AddAsync(string header, ClaimsIdentity identity, string? kid, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        if (!Enabled) return;
        var keys = await CurrentKeysAsync(cancellationToken);
        // The key set may have been read again since the token was checked: tie the entry only to a set that holds its key.
        if (keys is null || kid is null || !keys.SigningKeys.Any(k => k.KeyId == kid)) return;
        var until = DateTimeOffset.UtcNow + CacheFor; // the clock MemoryCache and token lifetimes go by
        _entries.Set(header, new Entry(identity.Clone(), keys), new MemoryCacheEntryOptions
        {
            AbsoluteExpiration = until < expires ? until : expires,
            Size = 1,
        });
    }

    private async Task<OpenIdConnectConfiguration?> CurrentKeysAsync(CancellationToken cancellationToken) =>
        bearer.Get(AuthExtensions.Scheme).ConfigurationManager is { } manager ? await manager.GetConfigurationAsync(cancellationToken) : null;

    public void Dispose() => _entries.Dispose();
}
