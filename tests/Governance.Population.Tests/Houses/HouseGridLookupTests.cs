using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Governance.Grid;
using Governance.Grid.Data;
using Governance.Grid.Org;
using Governance.Population.Houses;
using Governance.Population.Tests.Infrastructure;
using Governance.Testing.Hosting;
using Microsoft.EntityFrameworkCore;
using static Governance.Population.Tests.Infrastructure.PopulationHost;

namespace Governance.Population.Tests.Houses;

/// <summary>
/// A house's point is placed in its grid by a real grid host's LocateGrid over gRPC, with the caller's token:
/// both hosts trust the grid host's test issuer. The grid holds two square grids in community 002.
/// </summary>
public sealed class HouseGridLookupTests : IAsyncLifetime
{
    private ServiceTestHost<GridDb> _grid = null!;
    private PopulationHost _population = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _grid = await ServiceTestHost<GridDb>.StartAsync(new ServiceUnderTest("grid", b => b.AddGridService(), a => a.MapGridService()),
            new ServiceTestHostOptions { Settings = new Dictionary<string, string?> { ["Grid:Incidents:DeadlineScanInterval"] = "01:00:00" } });
        await _grid.SeedAsync(db => db.OrgNodes.AddRange(
            new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = County, Name = "格尔木市", Level = "county" },
            new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = Street, Name = "昆仑路街道", Level = "street" },
            new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = Community, Name = "金峰社区", Level = "community" }));
        using var imported = await _grid.ClientAs("admin-1", County, "admin").PostAsync($"/api/grid/cells/import?community={Community}",
            new StringContent(JsonSerializer.Serialize(new { type = "FeatureCollection", features = new[] { Square("001", 94.90), Square("002", 94.91) } }),
                Encoding.UTF8, "application/geo+json"), Ct);
        imported.EnsureSuccessStatusCode();
        _population = await PopulationHost.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = _grid.Issuer.Issuer, [GridPlacement.AddressKey] = _grid.Grpc.ToString(),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _population.DisposeAsync();
        await _grid.DisposeAsync();
    }

    private static object Square(string sequence, double x) => new
    {
        type = "Feature",
        properties = new { sequence, name = $"第{sequence}网格", type = "residential_compound", households = 400 },
        geometry = new { type = "Polygon", coordinates = new[] { new[] { new[] { x, 36.40 }, new[] { x + 0.01, 36.40 }, new[] { x + 0.01, 36.41 }, new[] { x, 36.41 }, new[] { x, 36.40 } } } },
    };

    private HttpClient Worker(string org) => _population.Client(_grid.Issuer.TokenFor("gw-1", org, ["grid_worker"]));

    private static object Compound(string org, double latitude, double longitude) =>
        new { kind = "compound", code = "01", name = "幸福小区", orgPath = org, latitude, longitude };

    [Fact]
    public async Task A_point_is_placed_in_the_grid_it_lies_in()
    {
        using var response = await Worker(Community).PostAsJsonAsync("/api/population/houses", Compound(Community, 36.405, 94.915), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var house = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("632801001002002", house.GetProperty("gridCode").GetString());
        var read = await Worker(Community).GetFromJsonAsync<JsonElement>($"/api/population/houses/{house.GetProperty("id").GetGuid()}", Ct);
        Assert.Equal("632801001002002", read.GetProperty("gridCode").GetString());
    }

    [Fact]
    public async Task A_grid_service_that_does_not_answer_is_a_503_and_nothing_is_written()
    {
        // A port nothing listens on: the grid service is down.
        await using var cutOff = await PopulationHost.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = _grid.Issuer.Issuer, [GridPlacement.AddressKey] = "http://127.0.0.1:9",
        });
        using var response = await cutOff.Client(_grid.Issuer.TokenFor("gw-1", Community, ["grid_worker"]))
            .PostAsJsonAsync("/api/population/houses", Compound(Community, 36.405, 94.915), Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(0, await cutOff.QueryAsync(db => db.Houses.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_point_in_no_grid_or_in_a_grid_outside_the_houses_org_is_refused_naming_it()
    {
        foreach (var (org, latitude, longitude) in new[] { (Community, 36.5, 95.5), (Grid1, 36.405, 94.915) })
        {
            using var response = await Worker(org).PostAsJsonAsync("/api/population/houses", Compound(org, latitude, longitude), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.True(problem.GetProperty("errors").TryGetProperty("latitude", out _), problem.ToString());
        }
        Assert.Equal(0, await _population.QueryAsync(db => db.Houses.CountAsync(Ct)));
    }
}
