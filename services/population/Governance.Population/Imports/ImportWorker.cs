using Governance.Population.Data;
using Governance.Population.Protection;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Population.Imports;

/// <summary>
/// Works import jobs one at a time on this replica: claims one (<see cref="ImportClaims"/>), copies its
/// upload to a local file sealed under a key held in memory (<see cref="SealedScratchFile"/>), checks every row
/// and then either records the rejected rows and stores nothing, or stores every row in one transaction that also
/// marks the job done. A replica stopped mid-way leaves
/// its job as it was; once its heartbeat is stale another replica (or this one, restarted) starts it over.
/// </summary>
internal sealed partial class ImportWorker(IServiceScopeFactory scopes, ImportSignal signal, ImportStages stages, IOptions<ImportOptions> options,
    ILogger<ImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.Value.PollSeconds);
        var staleAfter = TimeSpan.FromSeconds(options.Value.StaleAfterSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                ImportClaims.Claim? claim;
                await using (var scope = scopes.CreateAsyncScope())
                    claim = await scope.ServiceProvider.GetRequiredService<ImportClaims>().NextAsync(staleAfter, stoppingToken);
                if (claim is not null)
                {
                    await RunAsync(claim, stoppingToken);
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogLoopFailed(e);
            }
            try
            {
                await signal.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RunAsync(ImportClaims.Claim claim, CancellationToken ct)
    {
        var folder = Path.Combine(Path.GetTempPath(), "governance-imports");
        using var file = new SealedScratchFile(Path.Combine(folder, $"{claim.JobId:n}-{claim.Attempt}"));
        using var checkedRows = new SealedScratchFile(Path.Combine(folder, $"{claim.JobId:n}-{claim.Attempt}.checked"));
        try
        {
            await RunJobAsync(claim, file, checkedRows, ct);
        }
        catch (ImportClaims.ClaimLost)
        {
            LogClaimLost(claim.JobId);
        }
        catch (OperationCanceledException)
        {
            // Stopped: the job stays as it is and is started over once its heartbeat is stale.
            LogStopped(claim.JobId);
            if (ct.IsCancellationRequested) throw;
        }
        catch (Exception e)
        {
            LogJobFailed(e, claim.JobId);
            await using var scope = scopes.CreateAsyncScope();
            var kind = await scope.ServiceProvider.GetRequiredService<PopulationDb>().ImportJobs.AsNoTracking()
                .Where(j => j.Id == claim.JobId).Select(j => j.Kind).FirstOrDefaultAsync(CancellationToken.None);
            var reason = FailureOf(e, kind);
            try
            {
                await scope.ServiceProvider.GetRequiredService<ImportClaims>().FinishAsync(claim, ImportStatus.Failed, 0, 0, 0, reason, CancellationToken.None);
            }
            catch (ImportClaims.ClaimLost)
            {
                LogClaimLost(claim.JobId);
            }
        }
    }

    private async Task RunJobAsync(ImportClaims.Claim claim, SealedScratchFile file, SealedScratchFile checkedPersons, CancellationToken ct)
    {
        ImportJob job;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PopulationDb>();
            job = await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == claim.JobId, ct);
            await using var output = file.OpenWrite();
            var cipher = scope.ServiceProvider.GetRequiredService<PersonalDataCipher>();
            await foreach (var chunk in db.ImportChunks.AsNoTracking().Where(c => c.JobId == claim.JobId).OrderBy(c => c.Sequence)
                .AsAsyncEnumerable().WithCancellation(ct))
                await output.WriteAsync(cipher.UnprotectBytes(chunk.Data, ImportChunk.Purpose(chunk.JobId, chunk.Sequence)), ct);
        }
        var org = OrgPath.Parse(job.OrgPath);
        // Progress goes through its own context: the import's transaction is not visible until it commits.
        await using var progressScope = scopes.CreateAsyncScope();
        var progress = progressScope.ServiceProvider.GetRequiredService<ImportClaims>();
        if (job.Kind == ImportUploads.KindHouses)
        {
            await RunHousesAsync(claim, job, file, org, progress, ct);
            return;
        }
        if (job.Kind == ImportUploads.KindHouseholds)
        {
            await RunHouseholdsAsync(claim, job, file, org, progress, ct);
            return;
        }
        var rows = new ImportRows(file, job.Format, PersonColumns.Of, [PersonColumns.Name, PersonColumns.DocumentNumber], PersonColumns.All);
        ImportOutcome checkedRows;
        await using (var scope = scopes.CreateAsyncScope())
            checkedRows = await scope.ServiceProvider.GetRequiredService<PersonImportCheck>()
                .CheckAsync(rows, org, job.Caller, checkedPersons, n => progress.ValidatedAsync(claim, n, ct), ct);

        await using var work = scopes.CreateAsyncScope();
        var db2 = work.ServiceProvider.GetRequiredService<PopulationDb>();
        var claims = work.ServiceProvider.GetRequiredService<ImportClaims>();
        if (checkedRows.RowsRejected > 0)
        {
            await RejectAsync(claim, checkedRows, db2, claims, ct);
            return;
        }

        await progress.ImportingAsync(claim, checkedRows.RowsTotal, ct);
        await stages.BeforeStoreAsync(claim.JobId, ct);
        var store = work.ServiceProvider.GetRequiredService<PersonImportStore>();
        await db2.Database.CreateExecutionStrategy().ExecuteAsync(async attempt =>
        {
            await using var transaction = await db2.Database.BeginTransactionAsync(attempt);
            await ImportOrgs.HoldAsync(db2, checkedRows.Orgs, attempt);
            // SQLite has one writer: another connection's progress write would wait for this transaction, which waits for it.
            Func<int, Task> onStored = db2.Database.IsNpgsql() ? n => progress.StoredAsync(claim, n, attempt) : _ => Task.CompletedTask;
            var stored = await store.StoreAsync(checkedPersons, onStored, attempt);
            await stages.BeforeCommitAsync(claim.JobId, attempt);
            // Done in the same transaction as the rows: a replica that lost its claim rolls its rows back here.
            await claims.FinishAsync(claim, ImportStatus.Done, stored, stored, 0, null, attempt);
            await transaction.CommitAsync(attempt);
        }, ct);
        LogDone(claim.JobId, checkedRows.RowsTotal);
    }

    /// <summary>A houses import: checked whole (the checked rows are the plan), then stored in one transaction with the job's end.</summary>
    private async Task RunHousesAsync(ImportClaims.Claim claim, ImportJob job, SealedScratchFile file, OrgPath org, ImportClaims progress, CancellationToken ct)
    {
        await using var work = scopes.CreateAsyncScope();
        var houses = work.ServiceProvider.GetRequiredService<HouseImport>();
        var plan = await houses.CheckAsync(new ImportRows(file, job.Format, HouseColumns.Of, HouseColumns.Required, HouseColumns.All),
            org, job.Caller, n => progress.ValidatedAsync(claim, n, ct), ct);
        await StorePlanAsync(claim, work, progress, plan.Outcome, plan.Houses.Select(h => h.OrgPath),
            (onStored, attempt) => houses.StoreAsync(plan.Houses, onStored, attempt), ct);
    }

    /// <summary>A households import: checked whole (households and memberships planned), then stored in one transaction with the job's end.</summary>
    private async Task RunHouseholdsAsync(ImportClaims.Claim claim, ImportJob job, SealedScratchFile file, OrgPath org, ImportClaims progress, CancellationToken ct)
    {
        await using var work = scopes.CreateAsyncScope();
        var households = work.ServiceProvider.GetRequiredService<HouseholdImport>();
        var plan = await households.CheckAsync(new ImportRows(file, job.Format, HouseholdColumns.Of, HouseholdColumns.Required, HouseholdColumns.All),
            org, job.Caller, n => progress.ValidatedAsync(claim, n, ct), ct);
        await StorePlanAsync(claim, work, progress, plan.Outcome, plan.Households.Select(h => h.OrgPath),
            (onStored, attempt) => households.StoreAsync(plan, onStored, attempt), ct);
    }

    /// <summary>
    /// A plan checked whole: rejected (the report, nothing stored), or stored by <paramref name="store"/> in one
    /// transaction that holds org moves off, checks the plan's <paramref name="orgs"/> again and ends the job.
    /// </summary>
    private async Task StorePlanAsync(ImportClaims.Claim claim, AsyncServiceScope work, ImportClaims progress, ImportOutcome outcome,
        IEnumerable<string> orgs, Func<Func<int, Task>, CancellationToken, Task<int>> store, CancellationToken ct)
    {
        var db = work.ServiceProvider.GetRequiredService<PopulationDb>();
        var claims = work.ServiceProvider.GetRequiredService<ImportClaims>();
        if (outcome.RowsRejected > 0)
        {
            await RejectAsync(claim, outcome, db, claims, ct);
            return;
        }
        await progress.ImportingAsync(claim, outcome.RowsTotal, ct);
        await stages.BeforeStoreAsync(claim.JobId, ct);
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async attempt =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(attempt);
            await ImportOrgs.HoldAsync(db, orgs, attempt);
            // SQLite has one writer: another connection's progress write would wait for this transaction, which waits for it.
            Func<int, Task> onStored = db.Database.IsNpgsql() ? n => progress.StoredAsync(claim, n, attempt) : _ => Task.CompletedTask;
            var stored = await store(onStored, attempt);
            await stages.BeforeCommitAsync(claim.JobId, attempt);
            await claims.FinishAsync(claim, ImportStatus.Done, stored, stored, 0, null, attempt);
            await transaction.CommitAsync(attempt);
        }, ct);
        LogDone(claim.JobId, outcome.RowsTotal);
    }

    /// <summary>Records the rejected rows for the report and ends the job as rejected, in one transaction; nothing of the rows is stored.</summary>
    private async Task RejectAsync(ImportClaims.Claim claim, ImportOutcome outcome, PopulationDb db, ImportClaims claims, CancellationToken ct)
    {
        await db.SaveInOneTransactionAsync(async attempt =>
        {
            db.ImportRejections.AddRange(outcome.Faults.Select(f => new ImportRejection
            {
                JobId = claim.JobId, Row = f.Row, Column = f.Column,
                ReasonEn = Clip(f.Reason.Text), ReasonZh = Clip(DomainMessages.Localize(f.Reason, UserLanguage.Chinese)),
            }));
            await claims.FinishAsync(claim, ImportStatus.Rejected, outcome.RowsTotal, 0, outcome.RowsRejected, null, attempt);
        }, ct);
        LogRejected(claim.JobId, outcome.RowsRejected, outcome.RowsTotal);
    }

    /// <summary>Why a job failed, for the uploader (English; given in their language when read).</summary>
    private static string FailureOf(Exception e, string? kind)
    {
        if (e is ImportOrgs.MovedMeanwhile) return ImportOrgs.MovedMeanwhileReason.Text;
        if (e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } || (e is DbUpdateException update && update.IsUniqueViolation()))
            return kind switch
            {
                ImportUploads.KindHouses => HouseRegisteredMeanwhile.Text,
                ImportUploads.KindHouseholds => HouseholdRegisteredMeanwhile.Text,
                _ => RegisteredMeanwhile.Text,
            };
        return ServerFault.Text;
    }

    internal static readonly DomainMessage RegisteredMeanwhile = "A person in the file was registered while the file was imported: upload it again to see which.";
    internal static readonly DomainMessage HouseRegisteredMeanwhile = "A house in the file was registered at its place while the file was imported: upload it again to see which.";
    internal static readonly DomainMessage HouseholdRegisteredMeanwhile =
        "A household number of the file was registered in its org, or a person of the file joined a household, while the file was imported: upload it again to see which.";
    internal static readonly DomainMessage ServerFault = "The import failed on the server; nothing of it was stored. Upload the file again.";

    private static string Clip(string text) => text.Length <= ImportRejection.MaxReasonLength ? text : text[..ImportRejection.MaxReasonLength];

    [LoggerMessage(LogLevel.Information, "Import job {JobId}: {Rows} rows stored")]
    private partial void LogDone(Guid jobId, int rows);

    [LoggerMessage(LogLevel.Information, "Import job {JobId}: {Rejected} of {Rows} rows rejected, nothing stored")]
    private partial void LogRejected(Guid jobId, int rejected, int rows);

    [LoggerMessage(LogLevel.Warning, "Import job {JobId} was taken over by another replica; this replica's work on it is dropped")]
    private partial void LogClaimLost(Guid jobId);

    [LoggerMessage(LogLevel.Warning, "Import job {JobId} stopped before its end; it starts over once its heartbeat is stale")]
    private partial void LogStopped(Guid jobId);

    [LoggerMessage(LogLevel.Error, "Import job {JobId} failed; nothing of it was stored")]
    private partial void LogJobFailed(Exception e, Guid jobId);

    [LoggerMessage(LogLevel.Error, "The import worker's loop failed; it tries again")]
    private partial void LogLoopFailed(Exception e);
}
