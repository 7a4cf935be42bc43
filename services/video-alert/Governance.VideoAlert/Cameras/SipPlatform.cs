using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.VideoAlert.Cameras;

/// <summary>
/// A lower platform (a county or a social resource's own video platform, an NVR) that registers over SIP for its
/// cameras with one shared digest password and forwards their alarms under its own id (cascading, 级联).
/// </summary>
public sealed class SipPlatform
{
    public required string DeviceId { get; init; }
    public int TypeCode { get; init; }
    public required string Name { get; set; }
    /// <summary>The org that administers it; its cameras lie in their own grids.</summary>
    public required string OrgPath { get; set; }
    /// <summary>Its digest password, encrypted (<see cref="SipSecrets"/>).</summary>
    public required byte[] SipPassword { get; set; }
    public DateTime? LastSeenAt { get; set; }
    public DateTime? RegisteredUntil { get; set; }
    public DateTime RegisteredAt { get; init; }
    public required string RegisteredBy { get; init; }
}

internal sealed class SipPlatformConfiguration : IEntityTypeConfiguration<SipPlatform>
{
    public void Configure(EntityTypeBuilder<SipPlatform> p)
    {
        p.ToTable("platforms");
        p.HasKey(x => x.DeviceId);
        p.Property(x => x.DeviceId).HasMaxLength(20);
        p.Property(x => x.Name).HasMaxLength(Camera.MaxNameLength);
        p.Property(x => x.OrgPath).HasMaxLength(256);
        p.Property(x => x.RegisteredBy).HasMaxLength(64);
    }
}
