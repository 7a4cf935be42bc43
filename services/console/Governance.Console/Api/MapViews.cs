using System.Text.Json;

namespace Governance.Console.Api;

// What the map reads: identity's org tree (to pick a community), grid's cells (GeoJSON, handed to Leaflet as it comes)
// and incidents with their points.

public sealed record MapIncident(Guid Id, string Number, string Title, string State, string Warning, double Latitude, double Longitude, string GridCode,
    DateTime ReportedAt);

/// <summary>The map's REST calls, with the user's token (<see cref="ServicesApi"/>).</summary>
public static class MapApi
{
    /// <summary>
    /// The communities the user's org reaches, by identity's org tree: their own node and down (a county's streets'
    /// communities, a street's), or for someone posted in a grid, its community.
    /// </summary>
    public static async Task<ApiResult<List<OrgNode>>> CommunitiesAsync(this ServicesApi api, CancellationToken ct = default)
    {
        var own = await api.GetAsync<List<OrgNode>>("/api/identity/org-nodes", ct);
        if (!own.Ok) return own;
        var found = new List<OrgNode>();
        var level = own.Value!;
        // County → streets → communities at most: a deeper root (a province) is no centre's console.
        for (var depth = 0; depth < 3 && level.Count > 0; depth++)
        {
            var next = new List<OrgNode>();
            foreach (var node in level)
            {
                if (node.Level == "community") found.Add(node);
                else if (node.Level == "grid" && node.ParentPath is { } parent)
                {
                    var community = await api.GetAsync<OrgNode>($"/api/identity/org-nodes/by-path?path={Uri.EscapeDataString(parent)}", ct);
                    if (community.Value is { } c) found.Add(c);
                }
                else
                {
                    var children = await api.GetAsync<List<OrgNode>>($"/api/identity/org-nodes?parent={Uri.EscapeDataString(node.Path)}", ct);
                    if (!children.Ok) return new(null, children.Problem);
                    next.AddRange(children.Value!);
                }
            }
            level = next;
        }
        return new(found.DistinctBy(n => n.Path).OrderBy(n => n.Path, StringComparer.Ordinal).ToList(), null);
    }

    /// <summary>The community's grids as a GeoJSON FeatureCollection (grid.read).</summary>
    public static Task<ApiResult<JsonElement>> CellsAsync(this ServicesApi api, string community, CancellationToken ct = default) =>
        api.GetAsync<JsonElement>($"/api/grid/cells?community={Uri.EscapeDataString(community)}", ct);

    /// <summary>The newest incidents in the community (incident.read), grid's largest page.</summary>
    public static Task<ApiResult<List<MapIncident>>> CommunityIncidentsAsync(this ServicesApi api, string community, CancellationToken ct = default) =>
        api.GetAsync<List<MapIncident>>($"/api/grid/incidents?org={Uri.EscapeDataString(community)}&limit=500", ct);
}
