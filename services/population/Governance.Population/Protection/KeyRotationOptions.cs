namespace Governance.Population.Protection;

/// <summary>
/// The re-encryption sweep (<see cref="KeyRotation"/>) under <c>Population:Protection:Rotation</c>: each replica
/// sweeps when it starts and then every <see cref="IntervalMinutes"/>; <see cref="Enabled"/> false turns the
/// schedule off (a sweep asked for through the API still runs).
/// </summary>
public sealed class KeyRotationOptions
{
    public const string Section = ProtectionOptions.Section + ":Rotation";

    public bool Enabled { get; set; } = true;

    /// <summary>Minutes between scheduled sweeps (1 to 10080, a week); a day unless given.</summary>
    public int IntervalMinutes { get; set; } = 1440;

    /// <summary>Rows per batch, each batch its own short transaction (1 to 5000).</summary>
    public int BatchSize { get; set; } = 500;
}

/// <summary>The point of a sweep where a test stands in for an editor who writes between its read and its write. Nothing in production replaces it.</summary>
internal class KeyRotationStages
{
    public virtual Task BeforeWriteAsync(string column, CancellationToken ct) => Task.CompletedTask;
}
