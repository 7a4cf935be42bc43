using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Governance.Grid;
using Governance.Grid.Data;
using Governance.Grid.Org;
using Governance.Testing.Hosting;
using Governance.VideoAlert;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Data;
using Governance.VideoAlert.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Governance.Bench.VideoAlert;

/// <summary>
/// A real grid host (one community, one grid of about 10 × 11 km) and the video-alert service routing to it, both on fresh
/// PostgreSQL databases and the real clock, the router holding a token of the narrow service role minted by grid's issuer
/// (the client-credentials path is proven by the end-to-end tests; what is measured here is the routing itself).
/// </summary>
internal static class BenchHosts
{
    public static async Task<ServiceTestHost<GridDb>> StartGridAsync()
    {
        var grid = await ServiceTestHost<GridDb>.StartAsync(new ServiceUnderTest("grid", b => b.AddGridService(), a => a.MapGridService()), new ServiceTestHostOptions
        {
            RealClock = true,
            Settings = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" },
        });
        await grid.SeedAsync(db => db.OrgNodes.AddRange(
            new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = "632801", Name = "格尔木市", Level = "county" },
            new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = "632801/001", Name = "昆仑路街道", Level = "street" },
            new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = "632801/001/002", Name = "金峰社区", Level = "community" }));
        using var admin = grid.ClientAs("admin", "632801", "admin");
        const string square = """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"sequence":"001","name":"第001网格","type":"mixed","households":400},
             "geometry":{"type":"Polygon","coordinates":[[[94.85,36.35],[94.95,36.35],[94.95,36.45],[94.85,36.45],[94.85,36.35]]]}}]}
            """;
        (await admin.PostAsync("/api/grid/cells/import?community=632801/001/002",
            new StringContent(square, System.Text.Encoding.UTF8, "application/geo+json"))).EnsureSuccessStatusCode();
        return grid;
    }

    public static Task<ServiceTestHost<VideoAlertDb>> StartVideoAlertAsync(ServiceTestHost<GridDb> grid)
    {
        var token = grid.Issuer.TokenFor("video-alert", "632801", ["video_alert_service"]);
        return ServiceTestHost<VideoAlertDb>.StartAsync(new ServiceUnderTest("videoalert", b => b.AddVideoAlertService(), a => a.MapVideoAlertService()),
            new ServiceTestHostOptions
            {
                RealClock = true,
                Settings = new Dictionary<string, string?>
                {
                    ["Auth:Issuer"] = grid.Issuer.Issuer,
                    [CameraPlacement.AddressKey] = grid.Grpc.ToString(),
                    [SipSecrets.KeySetting] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                    ["VideoAlert:Sip:Port"] = "0",
                    // One source sends everything here: its token bucket is not what is measured.
                    ["VideoAlert:Webhook:RequestsPerSecond"] = "1000000", ["VideoAlert:Webhook:Burst"] = "1000000",
                    ["Logging:LogLevel:Default"] = "Warning",
                },
                Configure = b => b.Services.Replace(ServiceDescriptor.Singleton<IGridToken>(new FixedGridToken(token))),
            });
    }

    public static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private sealed class FixedGridToken(string token) : IGridToken
    {
        public Task<string> GetAsync(CancellationToken ct) => Task.FromResult(token);
    }
}
