using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.VideoAlert.Cameras;

/// <summary>
/// A camera of the video network (雪亮工程), keyed by its GB/T 28181 id, placed at a point in a grid; its org is the
/// grid's, so every read and write is scoped like the grid's records. It registers over SIP with its own digest
/// password or, when a lower platform registers for it, under that platform's (<see cref="PlatformId"/>).
/// </summary>
public sealed class Camera
{
    public const int MaxNameLength = 100;

    /// <summary>The 20-digit GB/T 28181 device id, the SIP user it registers as.</summary>
    public required string DeviceId { get; init; }
    /// <summary>Digits 11–13 of the id: 131 camera, 132 IP camera.</summary>
    public int TypeCode { get; init; }
    public required string Name { get; set; }
    /// <summary>WGS84.</summary>
    public double Longitude { get; set; }
    public double Latitude { get; set; }
    /// <summary>The grid the point lies in, as the grid service located it.</summary>
    public required string GridCode { get; set; }
    /// <summary>The grid's org path.</summary>
    public required string OrgPath { get; set; }
    /// <summary>public (公共) or social (社会资源, e.g. a shop's or a compound's camera networked in).</summary>
    public required string Owner { get; set; }
    /// <summary>Covers a key public area (重点公共区域), the coverage the county aims at 100% of.</summary>
    public bool KeyArea { get; set; }
    /// <summary>The lower platform that registers for it, whose password it authenticates with; null when it has its own.</summary>
    public string? PlatformId { get; set; }
    /// <summary>Its own digest password, encrypted (<see cref="SipSecrets"/>); null when its platform's is used.</summary>
    public byte[]? SipPassword { get; set; }
    /// <summary>unknown (never heard from), online or offline (<see cref="CameraStatus"/>).</summary>
    public string Status { get; set; } = CameraStatus.Unknown;
    /// <summary>When a registration, keepalive or alarm of it last arrived, in UTC.</summary>
    public DateTime? LastSeenAt { get; set; }
    /// <summary>When its current SIP registration expires, in UTC; null when not registered.</summary>
    public DateTime? RegisteredUntil { get; set; }
    /// <summary>The IP address its current SIP registration came from, which its MESSAGEs must come from (Status.StoredSipRegistrations).</summary>
    public string? RegisteredFrom { get; set; }
    /// <summary>udp or tcp, and the Contact it gave (capped), to reach it; null when not registered.</summary>
    public string? RegisteredTransport { get; set; }
    public string? RegisteredContact { get; set; }
    /// <summary>When it first registered: a camera that ever did is networked (联网).</summary>
    public DateTime? FirstRegisteredAt { get; set; }
    /// <summary>Offline changes counted since <see cref="FlipsSince"/>; more than the limit in the window is flapping (Alerts.CameraFlapping).</summary>
    public int Flips { get; set; }
    /// <summary>When the current flip-counting window began, in UTC; null before the first offline change.</summary>
    public DateTime? FlipsSince { get; set; }
    public DateTime RegisteredAt { get; init; }
    public required string RegisteredBy { get; init; }
    /// <summary>Bumped by every edit, which names the version it read; not by status changes.</summary>
    public int Version { get; set; } = 1;
    /// <summary>
    /// When it was retired (taken down), in UTC; null while in service. A retired camera is hidden from every query of
    /// the context (a query filter): it no longer authenticates over SIP, raises no alerts, and leaves the list and the
    /// figures. The registry reads it with <c>IgnoreQueryFilters</c> (by id, <c>?retired=true</c>, and to refuse its id again).
    /// </summary>
    public DateTime? RetiredAt { get; set; }
    public string? RetiredBy { get; set; }
    public string? RetireReason { get; set; }
    public const int MaxRetireReasonLength = 500;
}

/// <summary>The camera's status words.</summary>
public static class CameraStatus
{
    public const string Unknown = "unknown";
    public const string Online = "online";
    public const string Offline = "offline";
}

internal sealed class CameraConfiguration : IEntityTypeConfiguration<Camera>
{
    public void Configure(EntityTypeBuilder<Camera> c)
    {
        c.ToTable("cameras");
        c.HasKey(x => x.DeviceId);
        c.Property(x => x.DeviceId).HasMaxLength(20);
        c.Property(x => x.Name).HasMaxLength(Camera.MaxNameLength);
        c.Property(x => x.GridCode).HasMaxLength(15);
        c.Property(x => x.OrgPath).HasMaxLength(256);
        c.Property(x => x.Owner).HasMaxLength(16);
        c.Property(x => x.PlatformId).HasMaxLength(20);
        c.Property(x => x.Status).HasMaxLength(16);
        c.Property(x => x.RegisteredBy).HasMaxLength(64);
        c.Property(x => x.RegisteredFrom).HasMaxLength(SipRegistrationColumns.AddressLength);
        c.Property(x => x.RegisteredTransport).HasMaxLength(SipRegistrationColumns.TransportLength);
        c.Property(x => x.RegisteredContact).HasMaxLength(SipRegistrationColumns.ContactLength);
        c.Property(x => x.Version).HasDefaultValue(1).IsConcurrencyToken();
        c.Property(x => x.RetiredBy).HasMaxLength(64);
        c.Property(x => x.RetireReason).HasMaxLength(Camera.MaxRetireReasonLength);
        // Retired cameras are out of every read and write of the service but the registry's own (IgnoreQueryFilters).
        c.HasQueryFilter(x => x.RetiredAt == null);
        c.HasIndex(x => x.OrgPath);
        c.HasIndex(x => x.PlatformId);
        c.HasIndex(x => new { x.Status, x.LastSeenAt });
        c.HasOne<SipPlatform>().WithMany().HasForeignKey(x => x.PlatformId).OnDelete(DeleteBehavior.Restrict);
    }
}
