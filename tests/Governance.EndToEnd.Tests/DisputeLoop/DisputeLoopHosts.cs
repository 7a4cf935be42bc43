using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Governance.Grid;
using Governance.Grid.Data;
using Governance.Grid.Org;
using Governance.Mediation;
using Governance.Mediation.Bodies;
using Governance.Mediation.Cases;
using Governance.Mediation.Data;
using Governance.Testing;
using Governance.Testing.Hosting;

namespace Governance.EndToEnd.Tests.DisputeLoop;

/// <summary>
/// Grid and mediation as the cluster runs them: two services, each on its own PostgreSQL database,
/// joined only by the real RabbitMQ (their queues prefixed per run, and deleted after it). Grid knows
/// county 632801, street 001, community 002 and one grid in it; each host trusts its own test issuer.
/// </summary>
public sealed class DisputeLoopHosts : IAsyncDisposable
{
    public const string Street = "632801/001";
    public const string Community = "632801/001/002";
    public const string Grid1 = "632801/001/002/001";


    private readonly string _run = Guid.NewGuid().ToString("n")[..8];

    public ServiceTestHost<GridDb> Grid { get; private set; } = null!;
    public ServiceTestHost<MediationDb> Mediation { get; private set; } = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<DisputeLoopHosts> StartAsync()
    {
        var hosts = new DisputeLoopHosts();
        hosts.Grid = await ServiceTestHost<GridDb>.StartAsync(new ServiceUnderTest("grid", b => b.AddGridService(), a => a.MapGridService()),
            new ServiceTestHostOptions { Settings = Bus($"loop-grid-{hosts._run}") });
        hosts.Mediation = await ServiceTestHost<MediationDb>.StartAsync(new ServiceUnderTest("mediation", b => b.AddMediationService(), a => a.MapMediationService()),
            new ServiceTestHostOptions
            {
                Settings = new Dictionary<string, string?>(Bus($"loop-mediation-{hosts._run}"))
                {
                    ["Mediation:KeyEncryptionKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
                    // The test moves the clock and scans deadlines itself.
                    ["Mediation:Levels:DeadlineScanInterval"] = "01:00:00",
                },
            });
        await hosts.Grid.SeedAsync(db => db.OrgNodes.AddRange(
            new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = "632801", Name = "格尔木市", Level = "county" },
            new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = Street, Name = "昆仑路街道", Level = "street" },
            new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = Community, Name = "金峰社区", Level = "community" }));
        var square = new[] { new[] { 94.90, 36.40 }, new[] { 94.91, 36.40 }, new[] { 94.91, 36.41 }, new[] { 94.90, 36.41 }, new[] { 94.90, 36.40 } };
        var cells = JsonSerializer.Serialize(new
        {
            type = "FeatureCollection",
            features = new[] { new { type = "Feature", properties = new { sequence = "001", name = "第001网格", type = "residential_compound", households = 400 },
                geometry = new { type = "Polygon", coordinates = new[] { square } } } },
        });
        var imported = await hosts.Grid.ClientAs("admin-1", "632801", "admin").PostAsync($"/api/grid/cells/import?community={Community}",
            new StringContent(cells, Encoding.UTF8, "application/geo+json"), Ct);
        imported.EnsureSuccessStatusCode();
        return hosts;
    }

    private static Dictionary<string, string?> Bus(string prefix) => new()
    {
        ["ConnectionStrings:rabbitmq"] = TestRabbitMq.ConnectionString,
        ["Messaging:ServiceName"] = prefix,
        ["Limits:PublicBurst"] = "100000",
        ["Limits:PublicRequestsPerMinute"] = "6000000",
    };

    /// <summary>A mediation body with one mediator at a level's org node, as mediation's admin would set it up.</summary>
    public async Task<(Guid Body, Guid Mediator)> BodyAsync(MediationLevel level, string org, string name)
    {
        var body = new MediationBody { Name = name, Kind = BodyKind.PeoplesCommittee, Specialty = "general", Level = level, OrgPath = org };
        var mediator = new Mediator { BodyId = body.Id, Name = "王调解", Specialties = "neighbour" };
        await Mediation.SeedAsync(db =>
        {
            db.Bodies.Add(body);
            db.Mediators.Add(mediator);
        });
        return (body.Id, mediator.Id);
    }

    /// <summary>An Open311 api_key for Grid1's county, made as an administrator would.</summary>
    public async Task<string> Open311KeyAsync()
    {
        var response = await Grid.ClientAs("admin-1", "632801", "admin").PostAsJsonAsync("/api/grid/open311/clients", new { name = "城市随手拍" }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("apiKey").GetString()!;
    }

    /// <summary>Asks again until <paramref name="holds"/> or a minute passes: the facts cross a real broker on a shared machine.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> holds, string what)
    {
        var until = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var value = await read();
            if (holds(value)) return value;
            Assert.True(DateTime.UtcNow < until, $"{what}: not within a minute; last seen {JsonSerializer.Serialize(value)}");
            await Task.Delay(100, Ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Mediation is not null) await Mediation.DisposeAsync();
        if (Grid is not null) await Grid.DisposeAsync();
        // Durable queues outlive their hosts: left behind, they would gather every run's events.
        await TestRabbitMq.DeleteQueuesOfAsync($"loop-grid-{_run}");
        await TestRabbitMq.DeleteQueuesOfAsync($"loop-mediation-{_run}");
    }
}
