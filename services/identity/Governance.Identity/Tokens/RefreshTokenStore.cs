using System.Security.Cryptography;
using System.Text;
using Governance.Identity.Audit;
using Governance.Identity.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Governance.Identity.Tokens;

/// <summary>
/// Issues, rotates and revokes refresh tokens. Values are 256 random bits, handed out once and
/// stored only as their SHA-256 (a database leak yields no usable token).
/// </summary>
public sealed class RefreshTokenStore(IdentityDb db, AuditTrail audit, TimeProvider clock, IOptions<IdentityOptions> options)
{
    /// <summary>Adds a new token to <see cref="IdentityDb"/> (unsaved) and returns its value. A null family starts one.</summary>
    public string Add(Guid userId, string clientId, IEnumerable<string> scopes, IEnumerable<string> amr, RefreshToken? predecessor = null)
    {
        var now = Now;
        var value = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        db.Set<RefreshToken>().Add(new RefreshToken
        {
            TokenHash = Hash(value), FamilyId = predecessor?.FamilyId ?? Guid.CreateVersion7(), UserId = userId, ClientId = clientId,
            Scopes = string.Join(' ', scopes), Amr = string.Join(' ', amr), CreatedAt = now,
            FamilyExpiresAt = predecessor?.FamilyExpiresAt ?? now + options.Value.RefreshTokenLifetime,
        });
        return value;
    }

    public Task<RefreshToken?> FindAsync(string value, CancellationToken ct)
    {
        var hash = Hash(value);
        return db.Set<RefreshToken>().AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
    }

    /// <summary>Marks the token used, atomically; false when another request used it first (a reuse).</summary>
    public async Task<bool> TryMarkUsedAsync(RefreshToken token, CancellationToken ct) =>
        await db.Set<RefreshToken>().Where(t => t.Id == token.Id && t.UsedAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.UsedAt, Now), ct) == 1;

    /// <summary>Revokes every token of the family and audits why.</summary>
    public async Task RevokeFamilyAsync(RefreshToken token, string actor, string action, string detail, string? orgPath, CancellationToken ct)
    {
        var now = Now;
        await db.Set<RefreshToken>().Where(t => t.FamilyId == token.FamilyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now), ct);
        audit.Add(db, actor, action, token.UserId.ToString(), orgPath, $"{detail}; family {token.FamilyId}; client {token.ClientId}");
        await db.SaveChangesAsync(ct);
    }

    internal static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
