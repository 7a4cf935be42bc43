using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Governance.Grid;
using Governance.Grid.Data;
using Governance.Grid.Org;
using Governance.Identity;
using Governance.Identity.Data;
using Governance.Identity.Org;
using Governance.Testing;
using Governance.Testing.Hosting;
using Governance.EndToEnd.Tests.DisputeLoop;
using Microsoft.EntityFrameworkCore;

namespace Governance.EndToEnd.Tests.Departments;

/// <summary>
/// Identity and grid as the cluster runs them, each on its own PostgreSQL database, joined only by the
/// real RabbitMQ. A department that identity holds but never published (created before identity published
/// department events, or written into its database by hand) reaches grid's copy when identity starts,
/// and a dispatch to it is then accepted.
/// </summary>
public sealed class DepartmentRestatementTests : IAsyncLifetime
{
    private const string Community = "632801/001/002";

    private readonly string _run = Guid.NewGuid().ToString("n")[..8];
    private ServiceTestHost<GridDb> _grid = null!;
    private TestPostgres _identityDatabase = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _grid = await ServiceTestHost<GridDb>.StartAsync(new ServiceUnderTest("grid", b => b.AddGridService(), a => a.MapGridService()),
            new ServiceTestHostOptions { Settings = Bus($"restate-grid-{_run}") });
        await _grid.SeedAsync(db => db.OrgNodes.AddRange(
            new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = "632801", Name = "格尔木市", Level = "county" },
            new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = "632801/001", Name = "昆仑路街道", Level = "street" },
            new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = Community, Name = "金峰社区", Level = "community" }));
        var square = new[] { new[] { 94.90, 36.40 }, new[] { 94.91, 36.40 }, new[] { 94.91, 36.41 }, new[] { 94.90, 36.41 }, new[] { 94.90, 36.40 } };
        var cells = JsonSerializer.Serialize(new
        {
            type = "FeatureCollection",
            features = new[] { new { type = "Feature", properties = new { sequence = "001", name = "第001网格", type = "residential_compound", households = 400 },
                geometry = new { type = "Polygon", coordinates = new[] { square } } } },
        });
        (await _grid.ClientAs("admin-1", "632801", "admin").PostAsync($"/api/grid/cells/import?community={Community}",
            new StringContent(cells, Encoding.UTF8, "application/geo+json"), Ct)).EnsureSuccessStatusCode();
        _identityDatabase = await TestPostgres.CreateAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _grid.DisposeAsync();
        await _identityDatabase.DisposeAsync();
        await TestRabbitMq.DeleteQueuesOfAsync($"restate-grid-{_run}");
    }

    private static Dictionary<string, string?> Bus(string prefix) => new()
    {
        ["ConnectionStrings:rabbitmq"] = TestRabbitMq.ConnectionString,
        ["Messaging:ServiceName"] = prefix,
        // The standalone host's settings beside the tests turn the demo on: not here.
        ["Identity:Bootstrap:DemoSeed"] = "false",
        ["Grid:DemoSeed"] = "false",
    };

    [Fact]
    public async Task A_department_identity_never_published_reaches_grid_when_identity_starts_and_can_be_dispatched_to()
    {
        // Identity's database as an older identity left it: the county and a department, and no event ever published for it.
        var department = Guid.NewGuid();
        await using (var db = new IdentityDb(new DbContextOptionsBuilder<IdentityDb>().UseNpgsql(_identityDatabase.ConnectionString).Options))
        {
            await db.Database.EnsureCreatedAsync(Ct);
            var county = new OrgNode { Code = "632801", Path = "632801", Name = "格尔木市", Level = OrgLevel.County, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.OrgNodes.Add(county);
            await db.SaveChangesAsync(Ct);
            // Written by hand, as an import or a fix outside the service would: the version comes from the column's default.
            await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO departments ("Id", "Code", "Name", "Kind", "OrgNodeId", "CreatedAt") VALUES ({department}, 'housing', '住建局', 'Housing', {county.Id}, {DateTime.UtcNow})""", Ct);
        }
        var id = department.ToString();
        Assert.Null(await _grid.QueryAsync(db => db.Departments.SingleOrDefaultAsync(d => d.DepartmentId == id, Ct)));

        var worker = _grid.ClientAs("worker-1", "632801/001/002/001", "grid_worker");
        var centre = _grid.ClientAs("operator-1", "632801/001", "centre_operator");
        var reported = await worker.PostAsJsonAsync("/api/grid/incidents", new
        {
            source = "patrol", category = "city_appearance", urgency = "normal", title = "井盖缺失", latitude = 36.405, longitude = 94.905,
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        var incident = (await reported.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("incident").GetProperty("id").GetGuid();
        (await centre.PostAsJsonAsync($"/api/grid/incidents/{incident}/register", new { }, Ct)).EnsureSuccessStatusCode();
        // Before identity starts, grid does not know the department: the dispatch is refused naming it.
        var refused = await centre.PostAsJsonAsync($"/api/grid/incidents/{incident}/dispatch", new { departmentId = id }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var identity = await ServiceTestHost<IdentityDb>.StartAsync(new ServiceUnderTest("identity", b => b.AddIdentityService(), a => a.MapIdentityService()),
            new ServiceTestHostOptions
            {
                SelfIssued = true,
                Settings = new Dictionary<string, string?>(Bus($"restate-identity-{_run}"))
                {
                    ["ConnectionStrings:identity"] = _identityDatabase.ConnectionString,
                    ["Identity:KeyEncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                },
            });
        await using (identity)
        {
            var copy = await DisputeLoopHosts.UntilAsync(
                () => _grid.QueryAsync(db => db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.DepartmentId == id, Ct)),
                d => d is { Known: true }, "identity's restatement reaching grid's copy");
            Assert.Equal(("housing", "住建局", "housing", false, 1), (copy!.Code, copy.Name, copy.Kind, copy.Retired, copy.Version));

            var dispatched = await centre.PostAsJsonAsync($"/api/grid/incidents/{incident}/dispatch", new { departmentId = id }, Ct);
            Assert.True(dispatched.IsSuccessStatusCode, await dispatched.Content.ReadAsStringAsync(Ct));
            Assert.Equal(id, (await dispatched.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("departmentId").GetString());
        }
    }
}
