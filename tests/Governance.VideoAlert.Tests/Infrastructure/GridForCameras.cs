using System.Text;
using System.Text.Json;
using Governance.Grid;
using Governance.Grid.Data;
using Governance.Grid.Org;
using Governance.Testing.Hosting;
using Governance.VideoAlert.Cameras;
using static Governance.VideoAlert.Tests.Infrastructure.VideoAlertHost;

namespace Governance.VideoAlert.Tests.Infrastructure;

/// <summary>
/// A real grid host with two square grids in community 002 (grid 001 at 94.90–94.91 E, grid 002 at 94.91–94.92 E, both
/// 36.40–36.41 N), and a video-alert host trusting its issuer and asking its LocateGrid, as HouseGridLookupTests does.
/// </summary>
public static class GridForCameras
{
    /// <summary>Inside grid 001 (org <see cref="Grid1"/>).</summary>
    public static readonly (double Longitude, double Latitude) InGrid1 = (94.905, 36.405);

    /// <summary>Inside grid 002 (org <see cref="Grid2"/>).</summary>
    public static readonly (double Longitude, double Latitude) InGrid2 = (94.915, 36.405);

    public static async Task<ServiceTestHost<GridDb>> StartGridAsync()
    {
        var grid = await ServiceTestHost<GridDb>.StartAsync(new ServiceUnderTest("grid", b => b.AddGridService(), a => a.MapGridService()),
            new ServiceTestHostOptions { Settings = new Dictionary<string, string?> { ["Grid:Incidents:DeadlineScanInterval"] = "01:00:00" } });
        await grid.SeedAsync(db => db.OrgNodes.AddRange(
            new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = County, Name = "格尔木市", Level = "county" },
            new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = Street, Name = "昆仑路街道", Level = "street" },
            new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = Community, Name = "金峰社区", Level = "community" }));
        using var imported = await grid.ClientAs("admin-1", County, "admin").PostAsync($"/api/grid/cells/import?community={Community}",
            new StringContent(JsonSerializer.Serialize(new { type = "FeatureCollection", features = new[] { Square("001", 94.90), Square("002", 94.91) } }),
                Encoding.UTF8, "application/geo+json"), TestContext.Current.CancellationToken);
        imported.EnsureSuccessStatusCode();
        return grid;
    }

    public static Task<VideoAlertHost> StartVideoAlertAsync(ServiceTestHost<GridDb> grid, IDictionary<string, string?>? settings = null, bool sqlite = false)
    {
        var all = new Dictionary<string, string?> { ["Auth:Issuer"] = grid.Issuer.Issuer, [CameraPlacement.AddressKey] = grid.Grpc.ToString() };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        return VideoAlertHost.StartAsync(all, sqlite);
    }

    private static object Square(string sequence, double x) => new
    {
        type = "Feature",
        properties = new { sequence, name = $"第{sequence}网格", type = "residential_compound", households = 400 },
        geometry = new { type = "Polygon", coordinates = new[] { new[] { new[] { x, 36.40 }, new[] { x + 0.01, 36.40 }, new[] { x + 0.01, 36.41 }, new[] { x, 36.41 }, new[] { x, 36.40 } } } },
    };
}

/// <summary>Camera bodies as the console sends them.</summary>
public static class CameraBodies
{
    public const string Camera1 = "63280100001320000001";
    public const string Camera2 = "63280100001310000002";
    public const string Platform = "63280100002000000001";
    public const string Password = "cam-pass-01";

    public static object Body(string deviceId = Camera1, (double Longitude, double Latitude)? at = null, string owner = "public", bool keyArea = true,
        string? password = Password, string? platformId = null)
    {
        var (longitude, latitude) = at ?? GridForCameras.InGrid1;
        return new { deviceId, name = "昆仑路与黄河路口", longitude, latitude, owner, keyArea, password, platformId };
    }
}
