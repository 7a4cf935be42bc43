using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Grid.Staffing;

/// <summary>
/// One person holding one post in one grid for a time: the grid leader, a grid worker, or one of
/// the "N" members (community police officer, lawyer, volunteer, building head). Posts are never
/// deleted: an ended assignment is the history of who held which post when.
/// </summary>
public sealed class GridPost
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string GridCode { get; init; }

    /// <summary>leader, worker, police, lawyer, volunteer, building_head.</summary>
    public required string Post { get; init; }

    /// <summary>The staff member's account, when they have one (N members often do not).</summary>
    public string? UserId { get; init; }

    /// <summary>How the console names them: a staff member's work name, not a resident's record.</summary>
    public required string Name { get; init; }

    public DateTime From { get; init; }
    public DateTime? To { get; set; }
    public required string AssignedBy { get; init; }
    public string? EndedBy { get; set; }

    public static readonly string[] Posts = ["leader", "worker", "police", "lawyer", "volunteer", "building_head"];
}

internal sealed class GridPostConfiguration : IEntityTypeConfiguration<GridPost>
{
    public void Configure(EntityTypeBuilder<GridPost> post)
    {
        post.ToTable("grid_posts");
        post.HasKey(p => p.Id);
        post.Property(p => p.GridCode).HasMaxLength(15);
        post.Property(p => p.Post).HasMaxLength(16);
        post.Property(p => p.UserId).HasMaxLength(64);
        post.Property(p => p.Name).HasMaxLength(50);
        post.Property(p => p.AssignedBy).HasMaxLength(64);
        post.Property(p => p.EndedBy).HasMaxLength(64);
        post.HasIndex(p => new { p.GridCode, p.To });
        post.HasIndex(p => p.UserId);
        // One leader at a time, even when two admins assign one at the same moment.
        post.HasIndex(p => p.GridCode).IsUnique().HasFilter("\"Post\" = 'leader' AND \"To\" IS NULL").HasDatabaseName("ix_grid_posts_one_leader");
    }
}
