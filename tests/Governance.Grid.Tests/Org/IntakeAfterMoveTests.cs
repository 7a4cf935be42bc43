using System.Net;
using System.Net.Http.Json;
using Governance.Contracts.Identity;
using Governance.Grid.Data;
using Governance.Grid.Open311;
using Governance.Grid.Org;
using Governance.Grid.Tests.Incidents;
using Governance.Grid.Tests.Infrastructure;
using Governance.Grid.Tests.Open311;
using Governance.Messaging.OrgPaths;
using Governance.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Grid.Tests.Org;

/// <summary>
/// Issue 12, a report never lands at a moved-away path: intake (REST, Open311; gRPC shares the code)
/// brings the point's path through the move log, in the insert's transaction and under the same lock as
/// the org events, whether the move was applied first (by another replica: this one's point index still
/// has the old path) or commits at the same moment (identity's OrgNodeChanged on the real RabbitMQ).
/// A county of its own (632804): org events published here reach every grid host on the broker.
/// </summary>
public sealed class IntakeAfterMoveTests : IAsyncLifetime
{
    private const string County = "632804";
    private const string Community = "632804/001/002";
    private const double Lat = 36.605, Lng = 96.005;
    private static readonly DateTime T0 = new(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);

    private readonly string _prefix = $"grid-intake-{Guid.NewGuid():n}"[..24];
    private readonly Guid _communityId = Guid.NewGuid();
    private GridHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = await GridHost.StartAsync(new Dictionary<string, string?>(Open311Calls.Unthrottled)
        {
            ["ConnectionStrings:rabbitmq"] = TestRabbitMq.ConnectionString,
            ["Messaging:ServiceName"] = _prefix,
        });
        await _host.SeedAsync(db => db.OrgNodes.AddRange(
            new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = County, Name = "测试县", Level = "county" },
            new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = "632804/001", Name = "旧街道", Level = "street" },
            new OrgNodeReplica { NodeId = _communityId, Path = Community, Name = "迁移社区", Level = "community" }));
        var imported = await _host.ClientAs("admin-1", County, "admin").PostAsync($"/api/grid/cells/import?community={Community}",
            new StringContent(Cells.Features.Collection(Cells.Features.Square("001", 96.00, 36.60)), System.Text.Encoding.UTF8, "application/geo+json"), Ct);
        imported.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await TestRabbitMq.DeleteQueuesOfAsync(_prefix);
    }

    [Fact]
    public async Task A_report_placed_by_an_index_from_before_a_move_lands_at_the_new_path_over_REST_and_Open311()
    {
        var county = _host.ClientAs("worker-1", County, "grid_worker");
        var before = await county.ReportAsync(IncidentClient.Report(lat: Lat, lng: Lng));
        Assert.Equal(Community + "/001", before.OrgPath);
        var created = await _host.ClientAs("admin-1", County, "admin").PostAsJsonAsync("/api/grid/open311/clients", new { name = "社区小程序", jurisdiction = Community }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var apiKey = (await created.Content.ReadFromJsonAsync<Open311ClientsApi.CreatedClient>(Ct))!.ApiKey;

        // Another replica applies the move; this one's point index is not told, and its clock does not move to recheck.
        const string moved = "632804/002/002";
        await ApplyMoveOnAnotherReplicaAsync(Community, moved, T0);
        Assert.Contains(Community + "/001", await county.GetStringAsync($"/api/grid/locate?lat={Lat}&lng={Lng}", Ct));

        // The community's own staff: identity's tokens carry its new path, and the report is theirs to make there.
        var own = _host.ClientAs("worker-2", moved + "/001", "grid_worker");
        var after = await own.ReportAsync(IncidentClient.Report(lat: Lat, lng: Lng));
        Assert.Equal((moved + "/001", moved), (after.OrgPath, after.ResponsibleOrgPath));

        // A citizen's app whose key served the community (its jurisdiction moved with it).
        var number = await _host.Anonymous().ReportAsync(apiKey, lat: Lat, lng: Lng);
        var citizen = await _host.QueryAsync(db => db.Incidents.SingleAsync(i => i.Number == number, Ct));
        Assert.Equal((moved + "/001", moved), (citizen.OrgPath, citizen.ResponsibleOrgPath));

        // The report from before the move went with it; nothing is left at the old path.
        Assert.Equal(0, await _host.QueryAsync(db => db.Incidents.CountAsync(i => i.OrgPath.StartsWith(Community), Ct)));
    }

    [Fact]
    public async Task Reports_racing_a_run_of_moves_always_end_at_the_communitys_current_path()
    {
        var worker = _host.ClientAs("worker-1", County, "grid_worker");
        var bus = _host.Services.GetRequiredService<IBus>();
        var path = Community;
        for (var round = 1; round <= 30; round++)
        {
            var next = $"{County}/{round + 1:D3}/002";
            // The move and the report go at the same moment: either may commit first.
            var move = bus.Publish(new OrgNodeChanged(_communityId, next, path, "迁移社区", T0.AddMinutes(round)), Ct);
            var report = worker.ReportAsync(IncidentClient.Report(lat: Lat, lng: Lng));
            await Task.WhenAll(move, report);
            path = next;
            Assert.True(await Eventually.HoldsAsync(async () =>
                (await _host.QueryAsync(db => db.OrgNodes.SingleAsync(n => n.NodeId == _communityId, Ct))).Path == next, Ct), $"round {round}: the move was not applied");

            var strays = await _host.QueryAsync(db => db.Incidents.AsNoTracking()
                .Where(i => i.OrgPath.StartsWith(County) && (i.OrgPath != next + "/001" || i.ResponsibleOrgPath != next))
                .Select(i => i.Number + " at " + i.OrgPath + " (" + i.ResponsibleOrgPath + ")").ToListAsync(Ct));
            Assert.True(strays.Count == 0, $"round {round}, community now at {next}: {string.Join(", ", strays)}");
        }
        Assert.Equal(30, await _host.QueryAsync(db => db.Incidents.CountAsync(i => i.OrgPath == path + "/001", Ct)));
    }

    // What the org consumer does on a replica that is not this one: the move log, the rewrite, in one transaction under the lock.
    private async Task ApplyMoveOnAnotherReplicaAsync(string from, string to, DateTime at)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GridDb>();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await OrgMoves.LockAsync(db, Ct);
            Assert.True(await OrgMoves.ApplyAsync(db, _communityId, from, to, at, GridOrgPaths.Columns, Ct));
            await db.SaveChangesAsync(Ct);
            await transaction.CommitAsync(Ct);
        });
    }
}
