using Governance.ServiceDefaults.Problems;

namespace Governance.Population.Imports;

/// <summary>
/// A job as its uploader sees it. While validating, <c>rowsValidated</c> counts up and <c>rowsTotal</c> is
/// null; while importing, <c>rowsDone</c> counts up to <c>rowsTotal</c>. <c>rejectedReport</c> is there when
/// rows were rejected.
/// </summary>
public sealed record ImportView(Guid Id, string Kind, string Format, string? FileName, string OrgPath, string Status,
    int? RowsTotal, int RowsValidated, int RowsDone, int RowsRejected, DateTime CreatedAt, DateTime? FinishedAt, string? Error, string? RejectedReport)
{
    public static ImportView Of(ImportJob job, UserLanguage language) => new(
        job.Id, job.Kind, job.Format, job.FileName, job.OrgPath, NameOf(job.Status), job.RowsTotal, job.RowsValidated, job.RowsDone, job.RowsRejected,
        job.CreatedAt, job.FinishedAt, job.Error is null ? null : DomainMessages.Localize(job.Error, language),
        job.Status == ImportStatus.Rejected ? $"/api/population/imports/{job.Id}/rejected" : null);

    public static string NameOf(ImportStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>True once the job will change no more.</summary>
    public static bool HasEnded(ImportStatus status) => status is ImportStatus.Done or ImportStatus.Rejected or ImportStatus.Failed;
}
