using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Assessment.Tasks;

/// <summary>
/// A quantified task allocated to a department for a month (按月定量分配), e.g. 排查出租屋 40 户. Allocated by an assessor
/// reaching the department; what was done is reported in <see cref="TaskReport"/>s, and only an accepted report counts.
/// </summary>
public sealed class MonthlyTask
{
    public Guid Id { get; init; }
    public required string DepartmentId { get; init; }

    /// <summary>The department's org node at allocation: whose assessors review the task's reports.</summary>
    public required string OrgPath { get; init; }

    /// <summary>The month (<c>2026-11</c>) and its start in China time, as UTC, which periods are compared with.</summary>
    public required string Month { get; init; }
    public DateTime MonthStartUtc { get; init; }
    public required string Title { get; init; }
    public int Quantity { get; init; }

    /// <summary>What the quantity counts (户, 次, 场).</summary>
    public required string Unit { get; init; }
    public string Note { get; init; } = "";
    public DateTime AllocatedAt { get; init; }
    public required string AllocatedBy { get; init; }
}

/// <summary>
/// A department's report of how much of a task it did (the quantity done by then, not an increment), with evidence, and
/// the reviewer's decision. Numbered from 1 per task; a rejected report is kept and the next one submitted; an accepted
/// one is final and is what the task's completion counts.
/// </summary>
public sealed class TaskReport
{
    public Guid TaskId { get; init; }
    public int Attempt { get; init; }
    public int QuantityDone { get; init; }
    public string Note { get; init; } = "";
    public required string Evidence { get; init; }
    public DateTime SubmittedAt { get; init; }
    public required string SubmittedBy { get; init; }
    public required string State { get; set; }
    public DateTime? ReviewedAt { get; set; }
    public string? ReviewedBy { get; set; }
    public string? ReviewComment { get; set; }
    public int Revision { get; set; }
}

internal sealed class MonthlyTaskConfiguration : IEntityTypeConfiguration<MonthlyTask>, IEntityTypeConfiguration<TaskReport>
{
    public void Configure(EntityTypeBuilder<MonthlyTask> t)
    {
        t.ToTable("monthly_tasks");
        t.HasKey(x => x.Id);
        t.Property(x => x.DepartmentId).HasMaxLength(64);
        t.Property(x => x.OrgPath).HasMaxLength(256);
        t.Property(x => x.Month).HasMaxLength(7);
        t.Property(x => x.Title).HasMaxLength(200);
        t.Property(x => x.Unit).HasMaxLength(20);
        t.Property(x => x.Note).HasMaxLength(1000);
        t.Property(x => x.AllocatedBy).HasMaxLength(200);
        t.HasIndex(x => new { x.DepartmentId, x.MonthStartUtc });
        t.HasIndex(x => new { x.OrgPath, x.MonthStartUtc });
    }

    public void Configure(EntityTypeBuilder<TaskReport> r)
    {
        r.ToTable("task_reports");
        // Two reports racing for the same next attempt: the second fails on the key and is refused.
        r.HasKey(x => new { x.TaskId, x.Attempt });
        r.Property(x => x.Attempt).ValueGeneratedNever();
        r.Property(x => x.Note).HasMaxLength(1000);
        r.Property(x => x.SubmittedBy).HasMaxLength(200);
        r.Property(x => x.State).HasMaxLength(16);
        r.Property(x => x.ReviewedBy).HasMaxLength(200);
        r.Property(x => x.ReviewComment).HasMaxLength(1000);
        r.Property(x => x.Revision).IsConcurrencyToken();
        r.HasOne<MonthlyTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Restrict);
    }
}
