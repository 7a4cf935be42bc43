using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Assessment.Inputs;

/// <summary>
/// One camera for the online and networking rates (video-alert's <c>CameraRegistered</c>, <c>CameraWentOffline</c>,
/// <c>CameraCameOnline</c>, <c>CameraRetired</c>): where it is (the newest event's org, as for the other facts), since when it is in the
/// registry (the earliest of its registration and first status event), and when it was first online (联网: the platform
/// has heard from it). Its online history is <see cref="CameraStatusChange"/>.
/// </summary>
public sealed class CameraFact
{
    public string DeviceId { get; init; } = "";
    public string GridCode { get; set; } = "";
    public string OrgPath { get; set; } = "";
    public DateTime? OrgAt { get; set; }
    public Guid? OrgMessage { get; set; }

    /// <summary>The earliest event of the camera: it counts from then on.</summary>
    public DateTime KnownSince { get; set; }

    /// <summary>The earliest <c>CameraCameOnline</c>: networked from then on.</summary>
    public DateTime? FirstOnlineAt { get; set; }

    /// <summary>
    /// When video-alert retired it (<c>CameraRetired</c>): it counts in neither rate from then on. Set by the newest
    /// retirement event (<see cref="Facts.Stamp"/>: its time, then <see cref="RetiredMessage"/>),
    /// so order and duplicates do not matter; video-alert retires an id once, so there is one in practice.
    /// </summary>
    public DateTime? RetiredAt { get; set; }
    public Guid? RetiredMessage { get; set; }

    public int Revision { get; set; }
}

/// <summary>
/// A camera went offline or came online at <see cref="At"/>. Keyed by what it is (camera, when, which way), so a
/// redelivered or republished event is the same row; the status at any instant is the newest change before it.
/// </summary>
public sealed class CameraStatusChange
{
    public string DeviceId { get; init; } = "";
    public DateTime At { get; init; }
    public bool Online { get; init; }
}

internal sealed class CameraFactConfiguration : IEntityTypeConfiguration<CameraFact>
{
    public void Configure(EntityTypeBuilder<CameraFact> f)
    {
        f.ToTable("camera_facts");
        f.HasKey(x => x.DeviceId);
        f.Property(x => x.DeviceId).HasMaxLength(20);
        f.Property(x => x.GridCode).HasMaxLength(15);
        f.Property(x => x.OrgPath).HasMaxLength(256);
        f.Property(x => x.Revision).IsConcurrencyToken();
        f.HasIndex(x => x.OrgPath);
    }
}

internal sealed class CameraStatusChangeConfiguration : IEntityTypeConfiguration<CameraStatusChange>
{
    public void Configure(EntityTypeBuilder<CameraStatusChange> f)
    {
        f.ToTable("camera_status_changes");
        f.HasKey(x => new { x.DeviceId, x.At, x.Online });
        f.Property(x => x.DeviceId).HasMaxLength(20);
    }
}
