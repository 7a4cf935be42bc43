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
    /// <summary>unknown, online or offline (<see cref="CameraStatus"/>): its cameras follow it (Status.PlatformPresence).</summary>
    public string Status { get; set; } = CameraStatus.Unknown;
    public DateTime? LastSeenAt { get; set; }
    public DateTime? RegisteredUntil { get; set; }
    /// <summary>Where its current registration came from, as on <see cref="Camera"/>.</summary>
    public string? RegisteredFrom { get; set; }
    public string? RegisteredTransport { get; set; }
    public string? RegisteredContact { get; set; }
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
        p.Property(x => x.Status).HasMaxLength(16).HasDefaultValue(CameraStatus.Unknown);
        p.Property(x => x.RegisteredFrom).HasMaxLength(SipRegistrationColumns.AddressLength);
        p.Property(x => x.RegisteredTransport).HasMaxLength(SipRegistrationColumns.TransportLength);
        p.Property(x => x.RegisteredContact).HasMaxLength(SipRegistrationColumns.ContactLength);
    }
}

/// <summary>The sizes of a device's stored SIP registration (cameras and platforms alike).</summary>
public static class SipRegistrationColumns
{
    /// <summary>The longest IPv6 text form.</summary>
    public const int AddressLength = 45;
    public const int TransportLength = 8;
    /// <summary>A longer Contact is not kept (it is for reaching the device, not for the MESSAGE check).</summary>
    public const int ContactLength = 256;
}
