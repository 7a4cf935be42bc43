using Governance.Contracts.Grid.V1;
using Governance.Grpc.Client;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Population.Houses;

/// <summary>
/// The grid a house's point lies in, asked of the grid service's <c>LocateGrid</c> over gRPC with the caller's token
/// (<see cref="GridLocating"/>, shared with video-alert's cameras; population keeps no copy of the grid polygons).
/// Only when <c>Population:Grid:Address</c> is configured; without it a point is stored as given, unplaced.
/// </summary>
public sealed class GridPlacement(IServiceProvider services)
{
    /// <summary>Configuration key of the grid service's gRPC address, e.g. <c>http://grid:5001</c>.</summary>
    public const string AddressKey = "Population:Grid:Address";

    private readonly GridService.GridServiceClient? _grid = services.GetService<GridService.GridServiceClient>();

    /// <summary>
    /// The code of the grid (<paramref name="latitude"/>, <paramref name="longitude"/>) lies in, which must be within
    /// <paramref name="org"/>; null when no grid service is configured. A point in no grid, or in a grid outside the
    /// house's org, is a fault of the point.
    /// </summary>
    public async Task<string?> GridOfAsync(double latitude, double longitude, OrgPath org, CancellationToken ct)
    {
        if (_grid is null) return null;
        // A grid service that does not answer is a 503: nothing is written without its grid, and the worker may
        // register the house again in a moment.
        var located = await _grid.LocateOrRefuseAsync(latitude, longitude, ct);
        if (!located.Org.IsWithin(org))
            throw DomainException.Invalid("latitude", $"The point lies in grid {located.Code}, outside the house's org {org.Value}.");
        return located.Code;
    }
}
