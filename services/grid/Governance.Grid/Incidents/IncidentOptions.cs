namespace Governance.Grid.Incidents;

/// <summary>
/// Deadline settings. JSON shape: <code>"Grid": { "Incidents": { "DeadlineScanInterval": "00:00:30" } }</code>
/// </summary>
public sealed class IncidentOptions
{
    public const string Section = "Grid:Incidents";
    public TimeSpan DeadlineScanInterval { get; set; } = TimeSpan.FromSeconds(30);
}
