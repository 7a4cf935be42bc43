using Governance.Grid;
using Governance.Grid.Data;
using Governance.Grid.Org;
using Governance.Testing;
using Governance.Testing.Hosting;

namespace Governance.Bench.GridIncidents;

/// <summary>
/// The grid service on the shared <see cref="ServiceTestHost{TDb}"/> (Kestrel HTTP/1.1 + h2c gRPC, a
/// fresh PostgreSQL database, a test issuer) with its bus on RabbitMQ and the real clock; one
/// community with one grid of about 10 × 11 km, so that reports scattered over it are rarely each
/// other's duplicates.
/// </summary>
internal static class BenchGrid
{
    public const string Prefix = "bench-grid-incidents";

    private static readonly ServiceUnderTest Service = new("grid", b => b.AddGridService(), a => a.MapGridService());

    public static async Task<ServiceTestHost<GridDb>> StartAsync(string rabbitmq)
    {
        var host = await ServiceTestHost<GridDb>.StartAsync(Service, new ServiceTestHostOptions
        {
            RealClock = true,
            Settings = new Dictionary<string, string?>
            {
                ["ConnectionStrings:rabbitmq"] = rabbitmq,
                ["Messaging:ServiceName"] = Prefix,
                // A log line per request is not what is measured.
                ["Logging:LogLevel:Default"] = "Warning",
            },
        });
        await host.SeedAsync(db => db.OrgNodes.AddRange(
            new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = "632801", Name = "格尔木市", Level = "county" },
            new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = "632801/001", Name = "昆仑路街道", Level = "street" },
            new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = "632801/001/002", Name = "金峰社区", Level = "community" }));
        using var admin = host.ClientAs("admin", "632801", "admin");
        const string square = """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"sequence":"001","name":"第001网格","type":"mixed","households":400},
             "geometry":{"type":"Polygon","coordinates":[[[94.85,36.35],[94.95,36.35],[94.95,36.45],[94.85,36.45],[94.85,36.35]]]}}]}
            """;
        (await admin.PostAsync("/api/grid/cells/import?community=632801/001/002",
            new StringContent(square, System.Text.Encoding.UTF8, "application/geo+json"))).EnsureSuccessStatusCode();
        return host;
    }

    /// <summary>The durable queues of the service's org consumers, which would outlive the host and collect other runs' events.</summary>
    public static Task DeleteQueuesAsync() =>
        TestRabbitMq.DeleteQueuesAsync(new[] { "org-node-created", "org-node-changed", "org-node-retired" }
            .SelectMany(q => new[] { $"{Prefix}-{q}", $"{Prefix}-{q}_error", $"{Prefix}-{q}_skipped" }).ToArray());
}
