using System.Security.Cryptography;
using System.Text.Json;
using Governance.Identity.Audit;
using Governance.Identity.Data;
using Governance.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace Governance.Identity.Tokens;

/// <summary>
/// The token signing keys (ES256): the one that signs now, the next one (published ahead of its
/// turn), and the retired ones still published while a token they signed can live. Read from the
/// database at most once per <see cref="CacheFor"/> (another replica may have rotated); the first use
/// creates the first key. OpenIddict's options hold every published key (it serves the JWKS and
/// validates with them) and are rebuilt when the set changes: this store is their change-token
/// source. Which key signs is decided per token by <see cref="OAuth.CurrentSigningKeyHandler"/>.
/// </summary>
public sealed class SigningKeyStore(IServiceScopeFactory scopes, SecretProtector protector, AuditTrail audit,
    TimeProvider clock, IOptions<IdentityOptions> options) : IOptionsChangeTokenSource<OpenIddictServerOptions>
{
    internal static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    internal static readonly TimeSpan PublishedSkew = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RetryFailedLoadAfter = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Snapshot? _snapshot;
    private CancellationTokenSource _changed = new();
    private (DateTime At, Exception Error)? _lastFailure;

    /// <param name="Current">Signs access and ID tokens now.</param>
    /// <param name="Published">Every key a validator may meet: current, next and recently retired, newest first.</param>
    /// <param name="KeySet">The published kids, to tell whether OpenIddict's options must be rebuilt.</param>
    public sealed record Snapshot(SigningCredentials Current, IReadOnlyList<SigningCredentials> Published, string KeySet, DateTime LoadedAt);

    public async Task<SigningCredentials> CurrentAsync(CancellationToken ct) => (await GetAsync(ct)).Current;

    /// <summary>The keys as last loaded, loading them now (synchronously) if never: for building OpenIddict's options.</summary>
    public Snapshot Loaded()
    {
        if (_snapshot is { } snapshot) return snapshot;
        // Options are built on the first request; a database that is down must not make every
        // request wait for its connect timeout, so a failure is remembered for a few seconds.
        if (_lastFailure is { } failure && Now - failure.At < RetryFailedLoadAfter)
            throw new InvalidOperationException("The signing keys could not be loaded a moment ago.", failure.Error);
        try
        {
            return GetAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            _lastFailure = (Now, e);
            throw;
        }
    }

    string IOptionsChangeTokenSource<OpenIddictServerOptions>.Name => Options.DefaultName;

    IChangeToken IOptionsChangeTokenSource<OpenIddictServerOptions>.GetChangeToken() => new CancellationChangeToken(_changed.Token);

    /// <summary>
    /// Creates a new signing key that signs from <paramref name="signsAfter"/> on (zero: at once, after
    /// a suspected leak), and retires the current one then; returns the new key id.
    /// </summary>
    public async Task<string> RotateAsync(string actor, TimeSpan signsAfter, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var now = Now;
        var switchAt = now + signsAfter;
        foreach (var signing in await db.Set<SigningKey>().Where(k => k.RetiredAt == null || k.RetiredAt > switchAt).ToListAsync(ct))
            signing.RetiredAt = switchAt;
        var key = NewKey(now, signsAfter > TimeSpan.Zero ? switchAt : null);
        db.Set<SigningKey>().Add(key);
        audit.Add(db, actor, AuditActions.SigningKeyRotated, key.Kid, null, signsAfter > TimeSpan.Zero ? $"published now, signs from {switchAt:O}" : "signs at once");
        await db.SaveChangesAsync(ct);
        await GetAsync(ct, reload: true);
        return key.Kid;
    }

    /// <summary>The newest key: the one signing now, or the next one when it is already published; null before the first key exists.</summary>
    public async Task<SigningKey?> NewestKeyAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        return await db.Set<SigningKey>().AsNoTracking().OrderByDescending(k => k.CreatedAt).FirstOrDefaultAsync(ct);
    }

    private async Task<Snapshot> GetAsync(CancellationToken ct, bool reload = false)
    {
        var snapshot = _snapshot;
        if (!reload && snapshot is not null && Now - snapshot.LoadedAt < CacheFor) return snapshot;
        Snapshot loaded;
        await _loading.WaitAsync(ct);
        try
        {
            snapshot = _snapshot;
            if (!reload && snapshot is not null && Now - snapshot.LoadedAt < CacheFor) return snapshot;
            loaded = await LoadAsync(ct);
            _snapshot = loaded;
        }
        finally
        {
            _loading.Release();
        }
        // Outside the lock: the change callbacks rebuild OpenIddict's options, which read _snapshot.
        if (snapshot is not null && snapshot.KeySet != loaded.KeySet)
            Interlocked.Exchange(ref _changed, new CancellationTokenSource()).Cancel();
        return loaded;
    }

    private async Task<Snapshot> LoadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var now = Now;
        var publishedSince = now - options.Value.AccessTokenLifetime - PublishedSkew;
        var keys = await db.Set<SigningKey>().AsNoTracking()
            .Where(k => k.RetiredAt == null || k.RetiredAt > publishedSince).ToListAsync(ct);
        var current = Signing(keys, now);
        if (current is null)
        {
            // First start (or every key retired by hand): make one. Two replicas starting together
            // may both do so; both keys get published and the newest signs.
            current = NewKey(now, null);
            db.Set<SigningKey>().Add(current);
            await db.SaveChangesAsync(ct);
            keys.Add(current);
        }
        var published = keys.OrderByDescending(k => k.CreatedAt).Select(Credentials).ToList();
        return new Snapshot(published.First(c => c.Key.KeyId == current.Kid), published,
            string.Join(' ', published.Select(c => c.Key.KeyId).Order(StringComparer.Ordinal)), now);
    }

    /// <summary>The newest key whose turn has come and which no successor has relieved yet.</summary>
    internal static SigningKey? Signing(IEnumerable<SigningKey> keys, DateTime now) =>
        keys.Where(k => k.SignsFrom <= now && (k.RetiredAt is null || k.RetiredAt > now)).MaxBy(k => k.SignsFrom);

    private SigningCredentials Credentials(SigningKey key)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(protector.Unprotect(key.EncryptedPrivateKey, Purpose(key.Kid)), out _);
        return new SigningCredentials(new ECDsaSecurityKey(ecdsa) { KeyId = key.Kid }, SecurityAlgorithms.EcdsaSha256);
    }

    private SigningKey NewKey(DateTime now, DateTime? activatesAt)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kid = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12));
        var p = ecdsa.ExportParameters(false);
        var jwk = new Dictionary<string, string>
        {
            ["kty"] = "EC", ["crv"] = "P-256", ["use"] = "sig", ["alg"] = "ES256", ["kid"] = kid,
            ["x"] = Base64UrlEncoder.Encode(p.Q.X), ["y"] = Base64UrlEncoder.Encode(p.Q.Y),
        };
        return new SigningKey
        {
            Kid = kid,
            EncryptedPrivateKey = protector.Protect(ecdsa.ExportPkcs8PrivateKey(), Purpose(kid)),
            PublicJwk = JsonSerializer.Serialize(jwk),
            CreatedAt = now,
            ActivatesAt = activatesAt,
        };
    }

    private static string Purpose(string kid) => "signing-key:" + kid;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
