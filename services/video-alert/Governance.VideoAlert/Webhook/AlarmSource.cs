using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.VideoAlert.Webhook;

/// <summary>
/// An analytics box (or its vendor's platform) allowed to post alarms to the webhook for the cameras of one org subtree.
/// It proves itself with an API key that is shown once when the source is created and stored only as its SHA-256
/// hash; <see cref="KeyPrefix"/>, the key's first characters, finds the row without storing anything that opens it.
/// </summary>
public sealed class AlarmSource
{
    /// <summary>Its id, e.g. <c>wh-5k2m9q7x4c</c>: the alarm's SenderId and SourceId, so at most 20 characters.</summary>
    public required string Id { get; init; }
    public required string Name { get; init; }
    /// <summary>The org whose cameras it may report for (the cameras' orgs must lie within it).</summary>
    public required string OrgPath { get; init; }
    /// <summary>The first <see cref="ApiKeys.PrefixLength"/> characters of the key, indexed for look-up; not a secret on its own.</summary>
    public required string KeyPrefix { get; init; }
    /// <summary>SHA-256 of the whole key's UTF-8: the key itself is never stored.</summary>
    public required byte[] KeyHash { get; init; }
    public DateTime CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    /// <summary>When it was revoked: from then on its key is refused (401).</summary>
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
}

internal sealed class AlarmSourceConfiguration : IEntityTypeConfiguration<AlarmSource>
{
    public void Configure(EntityTypeBuilder<AlarmSource> s)
    {
        s.ToTable("alarm_sources");
        s.HasKey(x => x.Id);
        s.Property(x => x.Id).HasMaxLength(20);
        s.Property(x => x.Name).HasMaxLength(100);
        s.Property(x => x.OrgPath).HasMaxLength(256);
        s.Property(x => x.KeyPrefix).HasMaxLength(ApiKeys.PrefixLength);
        s.Property(x => x.KeyHash).HasMaxLength(32);
        s.Property(x => x.CreatedBy).HasMaxLength(64);
        s.Property(x => x.RevokedBy).HasMaxLength(64);
        s.HasIndex(x => x.KeyPrefix);
        s.HasIndex(x => x.OrgPath);
    }
}
