using Governance.Contracts.Grid.V1;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Grpc.Core;

namespace Governance.Grpc.Client;

/// <summary>The grid a point lies in, as grid's <c>LocateGrid</c> answered it: the grid's code and its org path.</summary>
public sealed record LocatedGrid(string Code, OrgPath Org);

/// <summary>
/// Point → grid for the services that place things in grids (population's houses, video-alert's cameras): grid's
/// <c>LocateGrid</c> over gRPC, whose lattice index is the one answer to it (no service keeps a copy of the grid
/// polygons), with the caller's token as every client registered by <see cref="GrpcClientExtensions.AddGovernanceGrpcClient{TClient}"/>
/// carries it. Its failures become the refusals a person can act on; what a service does without a grid service,
/// and with the grid it got, is its own.
/// </summary>
public static class GridLocating
{
    /// <summary>
    /// The grid (<paramref name="latitude"/>, <paramref name="longitude"/>) lies in. A point in no grid is a fault of
    /// the point (400 naming <c>latitude</c>); a grid service that does not answer (or answers an org path that is
    /// none) is 503 UNAVAILABLE, so the caller writes nothing and may try again. Other failures (a refused token) pass
    /// through as grpc-dotnet raised them. <paramref name="headers"/> (e.g. a service account's <c>authorization</c> for
    /// work outside a request) replace the request's token when given.
    /// </summary>
    public static async Task<LocatedGrid> LocateOrRefuseAsync(this GridService.GridServiceClient grid, double latitude, double longitude, CancellationToken ct,
        Metadata? headers = null)
    {
        GridLocation located;
        try
        {
            located = await grid.LocateGridAsync(new LocateGridRequest { Latitude = latitude, Longitude = longitude }, headers, cancellationToken: ct);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            throw DomainException.Invalid("latitude", $"The point ({latitude}, {longitude}) lies in no grid.");
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            throw NotAnswering();
        }
        return OrgPath.TryParse(located.OrgPath, out var org) ? new LocatedGrid(located.Code, org) : throw NotAnswering();
    }

    private static DomainException NotAnswering() =>
        DomainException.Unavailable("The grid service does not answer now, so the point cannot be placed in its grid; try again shortly.");
}
