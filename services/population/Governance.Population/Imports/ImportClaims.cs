using Governance.Population.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.Population.Imports;

/// <summary>
/// Claiming a job and writing its state, each write conditional on the claim's attempt: a replica that
/// lost its claim changes nothing (<see cref="ClaimLost"/>).
/// </summary>
public sealed class ImportClaims(PopulationDb db, TimeProvider clock)
{
    public sealed record Claim(Guid JobId, int Attempt);

    public sealed class ClaimLost(Guid jobId) : Exception($"Import job {jobId} was taken over by another replica.");

    /// <summary>The oldest queued job, or one whose replica went quiet for <paramref name="staleAfter"/>, moved to validating from nothing; null when none.</summary>
    public async Task<Claim?> NextAsync(TimeSpan staleAfter, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var staleBefore = now - staleAfter;
        var candidate = await db.ImportJobs.AsNoTracking()
            .Where(j => j.Status == ImportStatus.Queued
                || ((j.Status == ImportStatus.Validating || j.Status == ImportStatus.Importing) && j.Heartbeat < staleBefore))
            .OrderBy(j => j.CreatedAt).Select(j => new { j.Id, j.Attempt }).FirstOrDefaultAsync(ct);
        if (candidate is null) return null;
        // Two replicas after the same job: the second's update finds the attempt moved on and changes nothing.
        var claimed = await db.ImportJobs.Where(j => j.Id == candidate.Id && j.Attempt == candidate.Attempt)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, ImportStatus.Validating).SetProperty(j => j.Attempt, candidate.Attempt + 1)
                .SetProperty(j => j.Heartbeat, now).SetProperty(j => j.RowsTotal, (int?)null)
                .SetProperty(j => j.RowsValidated, 0).SetProperty(j => j.RowsDone, 0).SetProperty(j => j.RowsRejected, 0), ct);
        return claimed == 1 ? new Claim(candidate.Id, candidate.Attempt + 1) : null;
    }

    public Task ValidatedAsync(Claim claim, int rows, CancellationToken ct) =>
        UpdateAsync(claim, s => s.SetProperty(j => j.RowsValidated, rows), ct);

    public Task ImportingAsync(Claim claim, int total, CancellationToken ct) =>
        UpdateAsync(claim, s => s.SetProperty(j => j.Status, ImportStatus.Importing).SetProperty(j => j.RowsTotal, total).SetProperty(j => j.RowsValidated, total), ct);

    public Task StoredAsync(Claim claim, int rows, CancellationToken ct) =>
        UpdateAsync(claim, s => s.SetProperty(j => j.RowsDone, rows), ct);

    /// <summary>The job's end, and its upload dropped; inside the import's transaction when there is one.</summary>
    public async Task FinishAsync(Claim claim, ImportStatus status, int total, int done, int rejected, string? error, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await UpdateAsync(claim, s => s.SetProperty(j => j.Status, status).SetProperty(j => j.RowsTotal, total)
            .SetProperty(j => j.RowsDone, done).SetProperty(j => j.RowsRejected, rejected)
            .SetProperty(j => j.FinishedAt, now).SetProperty(j => j.Error, error), ct);
        await db.ImportChunks.Where(c => c.JobId == claim.JobId).ExecuteDeleteAsync(ct);
    }

    private async Task UpdateAsync(Claim claim, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<ImportJob>> set, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var updated = await db.ImportJobs.Where(j => j.Id == claim.JobId && j.Attempt == claim.Attempt)
            .ExecuteUpdateAsync(s => { set(s); s.SetProperty(j => j.Heartbeat, now); }, ct);
        if (updated == 0) throw new ClaimLost(claim.JobId);
    }
}
