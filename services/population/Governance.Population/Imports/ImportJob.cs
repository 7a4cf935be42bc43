using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Population.Imports;

/// <summary>
/// One uploaded file to import, worked by one replica at a time. A replica claims a job by moving it on
/// with a conditional update that also bumps <see cref="Attempt"/>; every later write of that replica is
/// conditional on its attempt, so a replica that lost its claim (it stalled, another took the job over
/// after <see cref="Heartbeat"/> went stale) writes nothing more, and its import's transaction rolls back.
/// </summary>
public sealed class ImportJob
{
    public const int MaxErrorLength = 500;

    public Guid Id { get; init; }
    /// <summary>persons (houses later).</summary>
    public required string Kind { get; init; }
    /// <summary>csv or xlsx.</summary>
    public required string Format { get; init; }
    /// <summary>The file's name as uploaded, for people to recognise it; never a path.</summary>
    public string? FileName { get; init; }
    /// <summary>Who uploaded it (subject); the stored persons are registered by them.</summary>
    public required string Caller { get; init; }
    /// <summary>The org the rows land in (every row's own org lies within it); who may read the job.</summary>
    public required string OrgPath { get; init; }
    public ImportStatus Status { get; set; }
    /// <summary>Data rows in the file, known once every row is validated.</summary>
    public int? RowsTotal { get; set; }
    public int RowsValidated { get; set; }
    /// <summary>Rows written so far in the import's (uncommitted) transaction; all of them once done.</summary>
    public int RowsDone { get; set; }
    public int RowsRejected { get; set; }
    public int Attempt { get; set; }
    public DateTime CreatedAt { get; init; }
    /// <summary>Last sign of life of the replica working the job; a job whose heartbeat is stale is restarted from nothing.</summary>
    public DateTime? Heartbeat { get; set; }
    public DateTime? FinishedAt { get; set; }
    /// <summary>Why a job failed (English), for the uploader; no row content.</summary>
    public string? Error { get; set; }
}

public enum ImportStatus { Queued, Validating, Importing, Done, Rejected, Failed }

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> j)
    {
        j.ToTable("import_jobs");
        j.HasKey(x => x.Id);
        j.Property(x => x.Kind).HasMaxLength(16);
        j.Property(x => x.Format).HasMaxLength(8);
        j.Property(x => x.FileName).HasMaxLength(200);
        j.Property(x => x.Caller).HasMaxLength(64);
        j.Property(x => x.OrgPath).HasMaxLength(256);
        j.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        j.Property(x => x.Error).HasMaxLength(ImportJob.MaxErrorLength);
        j.HasIndex(x => new { x.Status, x.CreatedAt });
    }
}

/// <summary>
/// The uploaded file, in pieces of up to <see cref="Size"/> bytes, in the database: every replica can
/// work any job, and no replica holds a whole file in memory. Each piece is encrypted as the persons'
/// numbers are (the file holds them in plain text), bound to its job and place. Deleted once the job ends.
/// </summary>
public sealed class ImportChunk
{
    public const int Size = 1 << 20;

    public static string Purpose(Guid jobId, int sequence) => $"import:{jobId}:{sequence}";

    public Guid JobId { get; init; }
    public int Sequence { get; init; }
    public required byte[] Data { get; init; }
}

internal sealed class ImportChunkConfiguration : IEntityTypeConfiguration<ImportChunk>
{
    public void Configure(EntityTypeBuilder<ImportChunk> c)
    {
        c.ToTable("import_chunks");
        c.HasKey(x => new { x.JobId, x.Sequence });
        c.HasOne<ImportJob>().WithMany().HasForeignKey(x => x.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A rejected row of a job: where (row as a spreadsheet numbers it, the header being row 1; column) and why, in Chinese and English.</summary>
public sealed class ImportRejection
{
    public const int MaxReasonLength = 300;

    public long Id { get; init; }
    public Guid JobId { get; init; }
    public int Row { get; init; }
    public required string Column { get; init; }
    public required string ReasonZh { get; init; }
    public required string ReasonEn { get; init; }
}

internal sealed class ImportRejectionConfiguration : IEntityTypeConfiguration<ImportRejection>
{
    public void Configure(EntityTypeBuilder<ImportRejection> r)
    {
        r.ToTable("import_rejections");
        r.HasKey(x => x.Id);
        r.Property(x => x.Column).HasMaxLength(32);
        r.Property(x => x.ReasonZh).HasMaxLength(ImportRejection.MaxReasonLength);
        r.Property(x => x.ReasonEn).HasMaxLength(ImportRejection.MaxReasonLength);
        r.HasIndex(x => new { x.JobId, x.Row });
        r.HasOne<ImportJob>().WithMany().HasForeignKey(x => x.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
