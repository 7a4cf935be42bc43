using System.Security.Cryptography;
using System.Text.Json;
using Governance.Identity.Audit;
using Governance.Identity.Data;
using Governance.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Governance.Identity.Tokens;

/// <summary>
/// The signing keys: the one that signs now, and every one still published. Read from the database
/// at most once per <see cref="CacheFor"/> (other replicas may have rotated); the first use creates
/// the first key. Rotation retires the current key, which stays published for the access token
/// lifetime plus clock skew, so no token it signed fails validation while it lives.
/// </summary>
public sealed class SigningKeyStore(IServiceScopeFactory scopes, SecretProtector protector, AuditTrail audit,
    TimeProvider clock, IOptions<IdentityOptions> options)
{
    internal static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    internal static readonly TimeSpan PublishedSkew = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Snapshot? _snapshot;

    private sealed record Snapshot(SigningCredentials Current, IReadOnlyList<JsonWebKey> Published, DateTime LoadedAt);

    public async Task<SigningCredentials> CurrentAsync(CancellationToken ct) => (await GetAsync(ct)).Current;

    public async Task<IReadOnlyList<JsonWebKey>> PublishedAsync(CancellationToken ct) => (await GetAsync(ct)).Published;

    /// <summary>Creates a new signing key and retires the current one; returns the new key id.</summary>
    public async Task<string> RotateAsync(string actor, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var now = Now;
        foreach (var signing in await db.Set<SigningKey>().Where(k => k.RetiredAt == null).ToListAsync(ct))
            signing.RetiredAt = now;
        var key = NewKey(now);
        db.Set<SigningKey>().Add(key);
        audit.Add(db, actor, AuditActions.SigningKeyRotated, key.Kid);
        await db.SaveChangesAsync(ct);
        _snapshot = null;
        return key.Kid;
    }

    /// <summary>When the key that signs now was created; null before the first key exists.</summary>
    public async Task<DateTime?> CurrentKeyCreatedAtAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        return await db.Set<SigningKey>().Where(k => k.RetiredAt == null).MaxAsync(k => (DateTime?)k.CreatedAt, ct);
    }

    private async Task<Snapshot> GetAsync(CancellationToken ct)
    {
        var snapshot = _snapshot;
        if (snapshot is not null && Now - snapshot.LoadedAt < CacheFor) return snapshot;
        await _loading.WaitAsync(ct);
        try
        {
            snapshot = _snapshot;
            if (snapshot is not null && Now - snapshot.LoadedAt < CacheFor) return snapshot;
            return _snapshot = await LoadAsync(ct);
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<Snapshot> LoadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var now = Now;
        var publishedSince = now - options.Value.AccessTokenLifetime - PublishedSkew;
        var keys = await db.Set<SigningKey>().AsNoTracking()
            .Where(k => k.RetiredAt == null || k.RetiredAt > publishedSince).ToListAsync(ct);
        var current = keys.Where(k => k.RetiredAt == null).OrderByDescending(k => k.CreatedAt).FirstOrDefault();
        if (current is null)
        {
            // First start (or every key retired by hand): make one. Two replicas starting together
            // may both do so; both keys get published and the newest signs.
            current = NewKey(now);
            db.Set<SigningKey>().Add(current);
            await db.SaveChangesAsync(ct);
            keys.Add(current);
        }
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(protector.Unprotect(current.EncryptedPrivateKey, Purpose(current.Kid)), out _);
        var credentials = new SigningCredentials(new ECDsaSecurityKey(ecdsa) { KeyId = current.Kid }, SecurityAlgorithms.EcdsaSha256);
        var published = keys.OrderByDescending(k => k.CreatedAt).Select(k => new JsonWebKey(k.PublicJwk)).ToList();
        return new Snapshot(credentials, published, now);
    }

    private SigningKey NewKey(DateTime now)
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
        };
    }

    private static string Purpose(string kid) => "signing-key:" + kid;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
