using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Identity.Tokens;

/// <summary>
/// A refresh token, stored as the SHA-256 of its opaque random value. Each use rotates it: the
/// token is marked used and a new one of the same family is issued. A family is one sign-in; it
/// ends at <see cref="FamilyExpiresAt"/> however often it is refreshed, and is revoked whole when
/// a used token comes back (someone holds a copy: OAuth 2.0 Security BCP §4.14.2).
/// </summary>
public sealed class RefreshToken
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required byte[] TokenHash { get; init; }
    public Guid FamilyId { get; init; }
    public Guid UserId { get; init; }
    public required string ClientId { get; init; }

    /// <summary>Space-separated scopes granted at sign-in; a refresh may narrow, never widen them.</summary>
    public required string Scopes { get; init; }

    /// <summary>Space-separated authentication methods of the sign-in (<c>pwd</c>, <c>otp</c>, <c>mfa</c>).</summary>
    public required string Amr { get; init; }

    public DateTime CreatedAt { get; init; }
    public DateTime FamilyExpiresAt { get; init; }

    /// <summary>When this token was exchanged for its successor; a second exchange is a reuse.</summary>
    public DateTime? UsedAt { get; set; }

    /// <summary>When the family was revoked (reuse, revocation request, sign-out).</summary>
    public DateTime? RevokedAt { get; set; }
}

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> token)
    {
        token.ToTable("refresh_tokens");
        token.HasKey(t => t.Id);
        token.Property(t => t.TokenHash).HasMaxLength(32);
        token.HasIndex(t => t.TokenHash).IsUnique();
        token.HasIndex(t => t.FamilyId);
        token.HasIndex(t => t.UserId);
        token.Property(t => t.ClientId).HasMaxLength(64);
        token.Property(t => t.Scopes).HasMaxLength(1000);
        token.Property(t => t.Amr).HasMaxLength(64);
    }
}
