namespace Governance.Grid.Open311;

/// <summary>
/// What discovery says about this endpoint. JSON shape:
/// <code>"Grid": { "Open311": { "Contact": "…", "KeyService": "…", "Changeset": "2026-11-24T00:00:00Z" } }</code>
/// </summary>
public sealed class Open311Options
{
    public const string Section = "Grid:Open311";

    public string Contact { get; set; } = "The comprehensive governance centre; for an emergency call 110, 119 or 120.";

    /// <summary>Where an app's maker asks for an api_key.</summary>
    public string KeyService { get; set; } = "Ask the governance centre's administrator for an api_key (created under /api/grid/open311/clients).";

    /// <summary>When the services or this endpoint last changed, so clients know to refresh their cache.</summary>
    public DateTime Changeset { get; set; } = new(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc);
}
