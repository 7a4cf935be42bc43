using Governance.Grid;
using Governance.Grid.Data;
using Governance.Testing.Hosting;

namespace Governance.Gateway.Tests.Infrastructure;

/// <summary>
/// The gateway in front of a real grid service (ServiceTestHost: PostgreSQL, the test issuer's tokens) and a stand-in
/// echo for each other service. Both the gateway and grid trust 127.0.0.1 as a proxy: the tests play the ingress in
/// front of the gateway, and the gateway is the proxy in front of grid, as in the cluster.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public static readonly string[] EchoedServices = ["identity", "mediation", "population", "videoalert", "assessment", "search"];
    private static readonly Dictionary<string, string?> BehindOneProxy = new() { ["Hosting:TrustedProxies:0"] = "127.0.0.1" };

    public ServiceTestHost<GridDb> Grid { get; private set; } = null!;
    public Dictionary<string, EchoService> Echoes { get; } = [];
    public GatewayHost Gateway { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Grid = await ServiceTestHost<GridDb>.StartAsync(new("grid", b => b.AddGridService(), a => a.MapGridService()),
            new ServiceTestHostOptions { Settings = BehindOneProxy });
        foreach (var name in EchoedServices) Echoes[name] = await EchoService.StartAsync(name);
        var services = Echoes.ToDictionary(e => e.Key, e => e.Value.Address);
        services["grid"] = Grid.Http.ToString().TrimEnd('/');
        Gateway = await GatewayHost.StartAsync(services, BehindOneProxy);
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        foreach (var echo in Echoes.Values) await echo.DisposeAsync();
        await Grid.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "gateway in front of grid and echoes";
}
