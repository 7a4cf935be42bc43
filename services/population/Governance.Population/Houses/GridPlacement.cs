using Governance.Contracts.Grid.V1;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Population.Houses;

/// <summary>
/// The grid a house's point lies in, asked of the grid service's <c>LocateGrid</c> over gRPC with the caller's token
/// (the grid's lattice index is the one answer to point → grid; population keeps no copy of the grid polygons).
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
        GridLocation located;
        try
        {
            located = await _grid.LocateGridAsync(new LocateGridRequest { Latitude = latitude, Longitude = longitude }, cancellationToken: ct);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            throw DomainException.Invalid("latitude", $"The point ({latitude}, {longitude}) lies in no grid.");
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            // Nothing is written without its grid: the worker may register the house again in a moment.
            throw DomainException.Unavailable("The grid service does not answer now, so the point cannot be placed in its grid; try again shortly.");
        }
        if (!OrgPath.TryParse(located.OrgPath, out var grid) || !grid.IsWithin(org))
            throw DomainException.Invalid("latitude", $"The point lies in grid {located.Code}, outside the house's org {org.Value}.");
        return located.Code;
    }
}
