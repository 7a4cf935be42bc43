using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.VideoAlert.Routing;

/// <summary>
/// A device fault (video loss, tampering, storage, flapping) for the camera's owner to repair: public cameras' by the
/// platform's maintenance, social cameras' (社会资源) by their owner. One per alert (a unique index), so an alert routed
/// again after a crash never makes two.
/// </summary>
public sealed class MaintenanceTask
{
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
    /// <summary>open until the owner closes it (closing is not built yet).</summary>
    public string Status { get; set; } = "open";
}

/// <summary>A task as the console reads it.</summary>
public sealed record MaintenanceTaskView(Guid Id, Guid AlertId, string CameraId, string Kind, int Priority, string? Owner, string? Department,
    string OrgPath, DateTime CreatedAt, string Status)
{
    public static MaintenanceTaskView Of(MaintenanceTask t) => new(t.Id, t.AlertId, t.CameraId, t.Kind, t.Priority, t.Owner, t.Department, t.OrgPath, t.CreatedAt, t.Status);
}

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
        t.HasIndex(x => x.AlertId).IsUnique();
        t.HasIndex(x => new { x.OrgPath, x.CreatedAt });
    }
}
