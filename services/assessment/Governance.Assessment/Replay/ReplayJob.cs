using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Assessment.Replay;

/// <summary>
/// One asked-for replay (<c>POST /api/assessment/replay</c>): who asked, how far it got (events folded of the log's
/// events when it started) and how it ended. The replica running it writes its heartbeat here and renews the replay
/// lease with it; a job whose heartbeat stopped belongs to a replica that died, and is shown failed (<see cref="ReplayJobs"/>).
/// </summary>
public sealed class ReplayJob
{
    public const string Running = "running", Succeeded = "succeeded", Failed = "failed";

    /// <summary>Why a job failed: its replica stopped answering, its service was stopped while it ran, or the rebuild threw.</summary>
    public const string ReplicaLost = "replica_lost", ServiceStopped = "service_stopped", Error = "error";

    public Guid Id { get; init; }
    public string State { get; set; } = Running;
    public required string RequestedBy { get; init; }
    public DateTime StartedAt { get; init; }
    public DateTime HeartbeatAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    /// <summary>The events in the log when the job started (events logged while it runs are folded live after it).</summary>
    public long EventsTotal { get; init; }
    public long EventsDone { get; set; }

    /// <summary><see cref="ReplicaLost"/>, <see cref="ServiceStopped"/> or <see cref="Error"/> when the job failed.</summary>
    public string? Failure { get; set; }

    /// <summary>The rebuilt facts' counts and the time taken (<see cref="Replayer.ReplayResult"/> as JSON), once it succeeded.</summary>
    public string? Result { get; set; }
}

internal sealed class ReplayJobConfiguration : IEntityTypeConfiguration<ReplayJob>
{
    public void Configure(EntityTypeBuilder<ReplayJob> j)
    {
        j.ToTable("assessment_replay_jobs");
        j.HasKey(x => x.Id);
        j.Property(x => x.State).HasMaxLength(16);
        j.Property(x => x.RequestedBy).HasMaxLength(128);
        j.Property(x => x.Failure).HasMaxLength(32);
        j.HasIndex(x => x.State);
    }
}
