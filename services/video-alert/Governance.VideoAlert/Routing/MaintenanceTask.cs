using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.VideoAlert.Routing;

/// <summary>
/// A device fault (video loss, tampering, storage, flapping) for the camera's owner to repair: public cameras' by the
/// platform's maintenance, social cameras' (社会资源) by their owner. One per alert (a unique index), so an alert routed
/// again after a crash never makes two. Its life: open → in_progress (someone took it) → closed (with what was done);
/// closing from open is allowed (a fault that cleared itself). Closed is final.
/// </summary>
public sealed class MaintenanceTask
{
    public const int MaxResolutionLength = 500;

    public Guid Id { get; init; }
    public Guid AlertId { get; init; }
    public required string CameraId { get; init; }
    public required string Kind { get; init; }
    public int Priority { get; init; }
    /// <summary>The camera's owner: public or social; null for a platform's camera not in the registry.</summary>
    public string? Owner { get; init; }
    /// <summary>The department the rule names, if any.</summary>
    public string? Department { get; init; }
    public required string OrgPath { get; init; }
    public DateTime CreatedAt { get; init; }
    /// <summary><see cref="MaintenanceTaskStatus"/>: open, in_progress, closed.</summary>
    public string Status { get; set; } = MaintenanceTaskStatus.Open;
    /// <summary>When and by whom (token subject) it was taken on; null while open.</summary>
    public DateTime? StartedAt { get; set; }
    public string? StartedBy { get; set; }
    /// <summary>When and by whom it was closed, and the note saying what was done.</summary>
    public DateTime? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public string? Resolution { get; set; }
    /// <summary>
    /// When the camera last came back online while the task was not closed (CameraPresence): a hint for whoever closes
    /// it that the fault may have cleared; it closes nothing by itself.
    /// </summary>
    public DateTime? CameraOnlineAt { get; set; }
    /// <summary>Bumped by every change of status: start and close name the version they read.</summary>
    public int Version { get; set; } = 1;
}

/// <summary>The task's status words.</summary>
public static class MaintenanceTaskStatus
{
    public const string Open = "open";
    public const string InProgress = "in_progress";
    public const string Closed = "closed";

    public static bool IsKnown(string status) => status is Open or InProgress or Closed;
}

/// <summary>A task as the console reads it.</summary>
public sealed record MaintenanceTaskView(Guid Id, Guid AlertId, string CameraId, string Kind, int Priority, string? Owner, string? Department,
    string OrgPath, DateTime CreatedAt, string Status, DateTime? StartedAt, string? StartedBy, DateTime? ClosedAt, string? ClosedBy,
    string? Resolution, DateTime? CameraOnlineAt, int Version)
{
    public static MaintenanceTaskView Of(MaintenanceTask t) => new(t.Id, t.AlertId, t.CameraId, t.Kind, t.Priority, t.Owner, t.Department, t.OrgPath,
        t.CreatedAt, t.Status, t.StartedAt, t.StartedBy, t.ClosedAt, t.ClosedBy, t.Resolution, t.CameraOnlineAt, t.Version);
}

/// <summary>Start a task: the version read.</summary>
public sealed record StartMaintenanceRequest(int? Version);

/// <summary>Close a task: the version read and what was done (1–500 characters).</summary>
public sealed record CloseMaintenanceRequest(int? Version, string? Resolution);

internal sealed class MaintenanceTaskConfiguration : IEntityTypeConfiguration<MaintenanceTask>
{
    public void Configure(EntityTypeBuilder<MaintenanceTask> t)
    {
        t.ToTable("maintenance_tasks");
        t.HasKey(x => x.Id);
        t.Property(x => x.CameraId).HasMaxLength(20);
        t.Property(x => x.Kind).HasMaxLength(32);
        t.Property(x => x.Owner).HasMaxLength(16);
        t.Property(x => x.Department).HasMaxLength(64);
        t.Property(x => x.OrgPath).HasMaxLength(256);
        t.Property(x => x.Status).HasMaxLength(16);
        t.Property(x => x.StartedBy).HasMaxLength(64);
        t.Property(x => x.ClosedBy).HasMaxLength(64);
        t.Property(x => x.Resolution).HasMaxLength(MaintenanceTask.MaxResolutionLength);
        t.Property(x => x.Version).HasDefaultValue(1).IsConcurrencyToken();
        t.HasIndex(x => x.AlertId).IsUnique();
        t.HasIndex(x => new { x.OrgPath, x.CreatedAt });
        t.HasIndex(x => new { x.CameraId, x.Status });
    }
}
