namespace Governance.Population.Imports;

/// <summary>
/// How imports run. JSON shape:
/// <code>"Population": { "Imports": { "MaxUploadMegabytes": 512, "PollSeconds": 5, "StaleAfterSeconds": 300 } }</code>
/// </summary>
public sealed class ImportOptions
{
    public const string Section = "Population:Imports";

    /// <summary>The largest file accepted (a million persons as CSV are about 120 MB).</summary>
    public int MaxUploadMegabytes { get; set; } = 512;

    /// <summary>How often a replica looks for queued jobs (another replica's uploads; its own wake it at once).</summary>
    public int PollSeconds { get; set; } = 5;

    /// <summary>A job whose replica has shown no sign of life for this long is taken over and restarted from nothing.</summary>
    public int StaleAfterSeconds { get; set; } = 300;
}

/// <summary>Wakes this replica's worker when a job is queued here.</summary>
public sealed class ImportSignal
{
    private readonly SemaphoreSlim _queued = new(0);

    public void Wake()
    {
        if (_queued.CurrentCount == 0) _queued.Release();
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _queued.WaitAsync(timeout, ct);
}

/// <summary>
/// The points of a job where a test stands in for a replica that dies: before the import's transaction
/// commits. Nothing in production replaces it.
/// </summary>
internal class ImportStages
{
    public virtual Task BeforeCommitAsync(Guid jobId, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Once the rows are checked, before the import's transaction begins (a registration by hand or an org move may land here).</summary>
    public virtual Task BeforeStoreAsync(Guid jobId, CancellationToken ct) => Task.CompletedTask;
}
