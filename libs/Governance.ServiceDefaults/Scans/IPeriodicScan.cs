namespace Governance.ServiceDefaults.Scans;

/// <summary>
/// Work a service repeats on an interval (deadline warnings, escalations): one scan over what is due,
/// answering how many records it changed. Resolved from a fresh scope for every run.
/// </summary>
public interface IPeriodicScan
{
    /// <summary>One scan; returns how many records it changed.</summary>
    Task<int> ScanAsync(CancellationToken cancellationToken);
}
