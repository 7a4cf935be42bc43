using Governance.Contracts.Grid;
using Governance.Contracts.Mediation;
using Governance.Contracts.Population;
using Governance.Contracts.VideoAlert;
using Governance.Search.Backends;
using Governance.Search.Tests.Infrastructure;

namespace Governance.Search.Tests.Api;

/// <summary>A small city, published as its services would: a grid, incidents in two streets, a dispute, a house, a camera, an alert, a person moving in.</summary>
public sealed class CityFixture : IAsyncLifetime
{
    public SearchHost Host { get; private set; } = null!;
    public string Grid => $"grid:{GridCode}";
    public string GridCode { get; } = "1" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999);
    public string IncidentA { get; private set; } = "";
    public string IncidentB { get; private set; } = "";
    public string Dispute { get; private set; } = "";
    public string House { get; private set; } = "";
    public string Alert { get; private set; } = "";
    public string Camera { get; private set; } = "";
    public Guid Person { get; } = Guid.NewGuid();

    public async ValueTask InitializeAsync()
    {
        Host = await SearchHost.StartAsync();
        var at = new DateTime(2026, 11, 10, 2, 0, 0, DateTimeKind.Utc);
        var (a, b) = (Host.Org("001"), Host.Org("002"));
        var (incidentA, incidentB, dispute, house, alert) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var device = "3402000000132" + Random.Shared.Next(1_000_000, 9_999_999);
        (IncidentA, IncidentB, Dispute, House, Alert, Camera) =
            ($"incident:{incidentA}", $"incident:{incidentB}", $"dispute:{dispute}", $"house:{house}", $"alert:{alert}", $"camera:{device}");
        await Host.PublishAsync(new GridCellCreated(GridCode, a + "/001", "金峰社区第七网格", "residential_compound", at));
        await Host.PublishAsync(new IncidentReported(incidentA, "20261110-000001", "citizen", "road", "normal", GridCode, a + "/001", at));
        await Host.PublishAsync(new IncidentReported(incidentB, "20261110-000002", "hotline", "road", "normal", "100000000000009", b, at));
        await Host.PublishAsync(new DisputeRegistered(dispute, "T20261110-01", "grid_on_site", "neighbour", "ordinary", "grid", a, null, at));
        await Host.PublishAsync(new HouseRegistered(house, "room", "301", null, null, b, at));
        await Host.PublishAsync(new CameraRegistered(device, 132, GridCode, a + "/001", "public", true, at));
        await Host.PublishAsync(new AlertRaised(alert, device, "fire_smoke", 1, GridCode, a + "/001", at));
        await Host.PublishAsync(new PersonMovedIn(Person, house, null, b, at));
        // Searchable when the county-wide view (both types of caller together) holds all seven.
        using var op = Host.ClientAs("fixture", Host.County, "centre_operator");
        using var inv = Host.ClientAs("fixture-inv", Host.County, "investigator");
        Assert.True(await SearchHost.WaitUntilAsync(async () =>
                (await Host.GetAsync<SearchResult>(op, "/api/search?pageSize=100")).Total == 6 && (await Host.GetAsync<SearchResult>(inv, "/api/search")).Total == 1,
            TimeSpan.FromSeconds(60)), "The city never became searchable.");
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
