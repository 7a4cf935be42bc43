using Governance.Contracts.Grid.V1;
using Governance.Grpc.Client;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.VideoAlert.Cameras;

/// <summary>
/// The grid a camera's point lies in, asked of the grid service's <c>LocateGrid</c> over gRPC with the caller's token
/// (<see cref="GridLocating"/>, as population places its houses). A camera's org is its grid's, so without the grid service
/// (<c>VideoAlert:Grid:Address</c>) no camera is placed, and none is written.
/// </summary>
public sealed class CameraPlacement(IServiceProvider services)
{
    /// <summary>Configuration key of the grid service's gRPC address, e.g. <c>http://grid:5001</c>.</summary>
    public const string AddressKey = "VideoAlert:Grid:Address";

    private readonly GridService.GridServiceClient? _grid = services.GetService<GridService.GridServiceClient>();
    private Metadata? _asked;

    /// <summary>
    /// Asks grid with this bearer token instead of the request's, for the rest of this scope: background work (the
    /// demo's start-up seed) has no request, and asks as the service account.
    /// </summary>
    public void AskWith(string bearer) => _asked = new Metadata { { "authorization", $"Bearer {bearer}" } };

    public async Task<(string GridCode, OrgPath Org)> GridOfAsync(double longitude, double latitude, CancellationToken ct)
    {
        if (_grid is null)
            throw DomainException.Unavailable("No grid service is configured, so the camera's point cannot be placed in its grid.");
        var located = await _grid.LocateOrRefuseAsync(latitude, longitude, ct, _asked);
        return (located.Code, located.Org);
    }
}
