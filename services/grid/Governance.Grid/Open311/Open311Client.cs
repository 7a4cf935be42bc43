using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Grid.Open311;

/// <summary>
/// An app allowed to post citizens' reports through Open311 (a city app, a WeChat mini-program,
/// a department's kiosk). Its api_key is <c>{KeyId}.{secret}</c>: only the secret's SHA-256 is
/// kept, so the key is shown once, when the client is created.
/// </summary>
public sealed class Open311Client
{
    /// <summary>The public half of the key: finds the client without revealing anything.</summary>
    public required string KeyId { get; init; }

    public required string Name { get; set; }

    /// <summary>SHA-256 of the secret half, compared in constant time.</summary>
    public required byte[] KeyHash { get; init; }

    public bool Enabled { get; set; } = true;

    /// <summary>The org subtree the client may report into (an org path); by default its creator's org.</summary>
    public required string Jurisdiction { get; set; }

    public required string CreatedBy { get; init; }
    public DateTime CreatedAt { get; init; }
}

internal sealed class Open311ClientConfiguration : IEntityTypeConfiguration<Open311Client>
{
    public void Configure(EntityTypeBuilder<Open311Client> client)
    {
        client.ToTable("open311_clients");
        client.HasKey(c => c.KeyId);
        client.Property(c => c.KeyId).HasMaxLength(ApiKeys.KeyIdLength);
        client.Property(c => c.Name).HasMaxLength(100);
        client.Property(c => c.KeyHash).HasMaxLength(32);
        client.Property(c => c.Jurisdiction).HasMaxLength(256);
        client.Property(c => c.CreatedBy).HasMaxLength(200);
    }
}
