using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Identity.Tokens;

/// <summary>
/// A token signing key (ES256, P-256). The private key is stored encrypted with the service's key
/// encryption key; the public half is published in the JWKS while the key signs and for as long
/// after its retirement as a token it signed can live.
/// </summary>
public sealed class SigningKey
{
    public required string Kid { get; init; }
    public string Algorithm { get; init; } = "ES256";

    /// <summary>PKCS#8 private key, encrypted (see <see cref="Governance.ServiceDefaults.Security.SecretProtector"/>, purpose <c>signing-key:{kid}</c>).</summary>
    public required byte[] EncryptedPrivateKey { get; init; }

    /// <summary>The public key as a JWK (JSON).</summary>
    public required string PublicJwk { get; init; }

    public DateTime CreatedAt { get; init; }

    /// <summary>
    /// When the key starts signing; until then it is only published, so that every validator has
    /// fetched it before the first token it signs arrives. Null: from <see cref="CreatedAt"/>.
    /// </summary>
    public DateTime? ActivatesAt { get; init; }

    public DateTime SignsFrom => ActivatesAt ?? CreatedAt;

    /// <summary>When another key took over (or takes over) signing; null while no successor is planned.</summary>
    public DateTime? RetiredAt { get; set; }
}

internal sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> key)
    {
        key.ToTable("signing_keys");
        key.HasKey(k => k.Kid);
        key.Property(k => k.Kid).HasMaxLength(64);
        key.Property(k => k.Algorithm).HasMaxLength(16);
        key.Property(k => k.PublicJwk).HasMaxLength(2000);
        key.Ignore(k => k.SignsFrom);
    }
}
