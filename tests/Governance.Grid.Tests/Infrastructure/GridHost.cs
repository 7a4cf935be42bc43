using Governance.Grid.Data;
using Governance.Grid.Departments;
using Governance.Grid.Org;
using Governance.Testing.Hosting;

namespace Governance.Grid.Tests.Infrastructure;

/// <summary>
/// The grid service on the shared <see cref="ServiceTestHost{TDb}"/>. Starts with county 632801,
/// street 001 and communities 002 and 003 in its copy of the org tree, and two square grids in
/// community 002.
/// </summary>
public sealed class GridHost : ServiceTestHost<GridDb>
{
    public const string Street = "632801/001";
    public const string Community = "632801/001/002";
    public const string OtherCommunity = "632801/001/003";
    public const string Grid1 = "632801/001/002/001";
    /// <summary>Departments as identity publishes them (ids are identity's): urban management and water at the county, a retired one, and another county's.</summary>
    public const string Department = "0193a5e0-0000-7000-8000-000000000001";
    public const string WaterDepartment = "0193a5e0-0000-7000-8000-000000000002";
    public const string RetiredDepartment = "0193a5e0-0000-7000-8000-000000000003";
    public const string OtherCountyDepartment = "0193a5e0-0000-7000-8000-000000000004";

    public static readonly ServiceUnderTest Service = new("grid", b => b.AddGridService(), a => a.MapGridService());

    private GridHost() { }

    public static async Task<GridHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var host = new GridHost();
        await host.StartServiceAsync(Service, new ServiceTestHostOptions
        {
            // The tests scan deadlines themselves, with the clock they move.
            Settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Grid:Incidents:DeadlineScanInterval"] = "01:00:00" },
        });
        await host.SeedAsync(db => db.OrgNodes.AddRange(
            new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = "632801", Name = "格尔木市", Level = "county" },
            new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = Street, Name = "昆仑路街道", Level = "street" },
            new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = Community, Name = "金峰社区", Level = "community" },
            new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = OtherCommunity, Name = "银峰社区", Level = "community" }));
        await host.SeedAsync(db => db.Departments.AddRange(
            Replica(Department, "urban-management", "城市管理局", "632801"),
            Replica(WaterDepartment, "water", "水务局", "632801"),
            Replica(RetiredDepartment, "old-bureau", "旧局", "632801", retired: true),
            Replica(OtherCountyDepartment, "psb", "外县公安局", "632802")));
        var admin = host.ClientAs("admin-1", "632801", "admin");
        var imported = await admin.PostAsync($"/api/grid/cells/import?community={Community}",
            new StringContent(Cells.Features.Collection(Cells.Features.Square("001", 94.90, 36.40), Cells.Features.Square("002", 94.91, 36.40)),
                System.Text.Encoding.UTF8, "application/geo+json"), ct);
        imported.EnsureSuccessStatusCode();
        return host;
    }

    private static DepartmentReplica Replica(string id, string code, string name, string orgPath, bool retired = false) => new()
    {
        DepartmentId = id, Code = code, Name = name, Kind = "other", OrgNodeId = Guid.NewGuid(), OrgPath = orgPath, Retired = retired, Known = true,
        ChangedAt = DateTime.UtcNow,
    };
}
