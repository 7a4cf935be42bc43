using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.Identity;
using Governance.Grid.Incidents;
using Governance.Grid.Open311;
using Governance.Grid.Patrols;
using Governance.Grid.Tests.Incidents;
using Governance.Testing;
using Microsoft.EntityFrameworkCore;
using static Governance.Grid.Tests.Org.OrgMoveHost;

namespace Governance.Grid.Tests.Org;

/// <summary>
/// Issue 12, records follow their org: a community moves to another street (identity's OrgNodeChanged
/// on the real RabbitMQ) and its incidents, patrol logs, Open311 clients and grids go with it. The old
/// street's staff lose them, the new street's gain them, the community's own staff keep them, over REST
/// and over gRPC with python3-grpcio as the client.
/// </summary>
public sealed class OrgMoveTests : IAsyncLifetime
{
    private OrgMoveHost _org = null!;

    public async ValueTask InitializeAsync() => _org = await OrgMoveHost.StartAsync();
    public async ValueTask DisposeAsync() => await _org.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTime T0 = new(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);

    private Task<T> QueryAsync<T>(Func<Data.GridDb, Task<T>> query) => _org.Host.QueryAsync(query);

    /// <summary>
    /// A rename of the neighbour published after the events under test, on the same queue: once it is
    /// applied, everything published before it on that queue has been consumed (one batch at a time, in order).
    /// </summary>
    private async Task DrainedAsync(string neighbourPath, DateTime at)
    {
        await _org.PublishAsync(new OrgNodeChanged(_org.NeighbourId, neighbourPath, neighbourPath, "哨兵", at));
        Assert.True(await Eventually.HoldsAsync(async () =>
            (await QueryAsync(db => db.OrgNodes.SingleAsync(n => n.NodeId == _org.NeighbourId, Ct))).Name == "哨兵", Ct), "The org events were not consumed.");
    }

    [Fact]
    public async Task A_community_moved_to_another_street_takes_its_records_and_the_old_street_loses_them()
    {
        var host = _org.Host;
        var worker = host.ClientAs("worker-1", Community + "/001", "grid_worker");
        var incident = await worker.ReportAsync(IncidentClient.Report(lat: 36.505, lng: 95.505));
        Assert.Equal((Community + "/001", Community), (incident.OrgPath, incident.ResponsibleOrgPath));
        // A second one escalated to the old street: its responsibility must go to the new street, not stay.
        var escalated = await worker.ReportAsync(IncidentClient.Report(category: "public_facilities", lat: 36.506, lng: 95.506));
        var communityOperator = host.ClientAs("operator-c", Community, "centre_operator");
        await communityOperator.StepAsync(escalated.Id, "register", new { urgency = "normal" });
        Assert.Equal(OldStreet, (await communityOperator.StepAsync(escalated.Id, "escalate", new { reason = "社区处理不了" })).ResponsibleOrgPath);
        (await worker.PostAsJsonAsync("/api/grid/patrols", new { gridCode = GridCode, summary = "巡查了三栋楼" }, Ct)).EnsureSuccessStatusCode();
        (await host.ClientAs("admin-1", OldStreet, "admin").PostAsJsonAsync("/api/grid/open311/clients", new { name = "社区小程序", jurisdiction = Community }, Ct))
            .EnsureSuccessStatusCode();
        var oldStreet = host.ClientAs("operator-old", OldStreet, "centre_operator");
        Assert.Equal(HttpStatusCode.OK, (await oldStreet.GetAsync($"/api/grid/incidents/{incident.Id}", Ct)).StatusCode);

        var messageId = Guid.NewGuid();
        var move = new OrgNodeChanged(_org.CommunityId, MovedCommunity, Community, "迁移社区", DateTime.UtcNow);
        await _org.PublishAsync(move, messageId);
        // The same message again (a redelivery) changes nothing.
        await _org.PublishAsync(move, messageId);
        await DrainedAsync(Neighbour, DateTime.UtcNow);

        // Everything that carried the path moved, and nothing is left at the old one.
        var moved = await QueryAsync(async db => new
        {
            Incident = await db.Incidents.SingleAsync(i => i.Id == incident.Id, Ct),
            Cells = await db.Cells.Where(c => c.Code.StartsWith("632803")).Select(c => c.CommunityPath).Distinct().ToListAsync(Ct),
            Patrols = await db.Set<PatrolLog>().Where(l => l.GridCode == GridCode).Select(l => l.OrgPath).ToListAsync(Ct),
            Clients = await db.Set<Open311Client>().Where(c => c.Name == "社区小程序").Select(c => c.Jurisdiction).ToListAsync(Ct),
            Node = await db.OrgNodes.SingleAsync(n => n.NodeId == _org.CommunityId, Ct),
            // This community's moves only: org events fan out to every grid host on the broker, so classes
            // running alongside (IntakeAfterMoveTests, OrgEventsTests) log moves of their own nodes here too.
            Moves = await db.Set<Messaging.OrgPaths.OrgMove>().CountAsync(m => m.NodeId == _org.CommunityId, Ct),
        });
        Assert.Equal((MovedCommunity + "/001", MovedCommunity), (moved.Incident.OrgPath, moved.Incident.ResponsibleOrgPath));
        var escalatedNow = await QueryAsync(db => db.Incidents.SingleAsync(i => i.Id == escalated.Id, Ct));
        Assert.Equal((MovedCommunity + "/001", NewStreet), (escalatedNow.OrgPath, escalatedNow.ResponsibleOrgPath));
        Assert.Equal([MovedCommunity], moved.Cells);
        Assert.Equal([MovedCommunity + "/001"], moved.Patrols);
        Assert.Equal([MovedCommunity], moved.Clients);
        Assert.Equal(MovedCommunity, moved.Node.Path);
        Assert.Equal(1, moved.Moves);

        // The old street's staff lose it; the new street's gain it; the community's own staff keep it.
        var newStreet = host.ClientAs("operator-new", NewStreet, "centre_operator");
        var community = host.ClientAs("operator-community", MovedCommunity, "centre_operator");
        Assert.Equal(HttpStatusCode.NotFound, (await oldStreet.GetAsync($"/api/grid/incidents/{incident.Id}", Ct)).StatusCode);
        Assert.DoesNotContain(await oldStreet.GetFromJsonAsync<List<IncidentView>>("/api/grid/incidents", Ct) ?? [], i => i.Id == incident.Id);
        Assert.Empty(await oldStreet.GetFromJsonAsync<List<PatrolsApi.LogView>>("/api/grid/patrols", Ct) ?? []);
        foreach (var staff in new[] { newStreet, community })
        {
            Assert.Equal(MovedCommunity + "/001", (await staff.GetFromJsonAsync<IncidentView>($"/api/grid/incidents/{incident.Id}", Ct))!.OrgPath);
            Assert.Contains(await staff.GetFromJsonAsync<List<IncidentView>>("/api/grid/incidents", Ct) ?? [], i => i.Id == incident.Id);
            Assert.Single(await staff.GetFromJsonAsync<List<PatrolsApi.LogView>>("/api/grid/patrols", Ct) ?? []);
        }
        Assert.Single(await host.ClientAs("admin-new", NewStreet, "admin").GetFromJsonAsync<List<Open311ClientsApi.ClientView>>("/api/grid/open311/clients", Ct) ?? []);
        Assert.Empty(await host.ClientAs("admin-old", OldStreet, "admin").GetFromJsonAsync<List<Open311ClientsApi.ClientView>>("/api/grid/open311/clients", Ct) ?? []);
        // A new report in the moved grid lands at the new path (the point index was rebuilt).
        var later = await host.ClientAs("worker-2", MovedCommunity + "/001", "grid_worker").ReportAsync(IncidentClient.Report(lat: 36.505, lng: 95.505));
        Assert.Equal(MovedCommunity + "/001", later.OrgPath);

        // Over gRPC, with python3-grpcio as the client.
        string Token(string subject, string org) => host.Issuer.TokenFor(subject, org, ["centre_operator"]);
        var r = JsonDocument.Parse(await PythonScript.RunAsync(Path.Combine(AppContext.BaseDirectory, "Grpc", "Interop", "grid_org_move.py"),
            [$"127.0.0.1:{host.Grpc.Port}", incident.Id.ToString(), $"new={Token("op-new", NewStreet)}", $"community={Token("op-c", MovedCommunity)}",
             $"old={Token("op-old", OldStreet)}"], Ct)).RootElement;
        Assert.Equal("OK", r.GetProperty("new")[0].GetString());
        Assert.True(r.GetProperty("new")[2].GetInt32() >= 1);
        Assert.Equal("OK", r.GetProperty("community")[0].GetString());
        Assert.Equal("NOT_FOUND", r.GetProperty("old")[0].GetString());
    }

    /// <summary>Three moves: the community to street 004 (t1), street 004 renumbered 005 (t2), the old street 001 renumbered 006 (t3).</summary>
    public static TheoryData<int[]> Orders => new() { new[] { 1, 2, 3 }, new[] { 3, 2, 1 }, new[] { 2, 3, 1 }, new[] { 1, 3, 2 } };

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task Moves_apply_in_identitys_order_whatever_order_and_however_often_they_arrive(int[] order)
    {
        var worker = _org.Host.ClientAs("worker-1", Community + "/001", "grid_worker");
        var incident = await worker.ReportAsync(IncidentClient.Report(lat: 36.505, lng: 95.505));
        var escalated = await worker.ReportAsync(IncidentClient.Report(category: "public_facilities", lat: 36.506, lng: 95.506));
        var communityOperator = _org.Host.ClientAs("operator-c", Community, "centre_operator");
        await communityOperator.StepAsync(escalated.Id, "register", new { urgency = "normal" });
        await communityOperator.StepAsync(escalated.Id, "escalate", new { reason = "社区处理不了" });
        var moves = new Dictionary<int, OrgNodeChanged>
        {
            [1] = new(_org.CommunityId, MovedCommunity, Community, "迁移社区", T0.AddMinutes(1)),
            [2] = new(_org.NewStreetId, "632803/005", NewStreet, "新街道", T0.AddMinutes(2)),
            [3] = new(_org.OldStreetId, "632803/006", OldStreet, "旧街道", T0.AddMinutes(3)),
        };
        var ids = order.ToDictionary(n => n, _ => Guid.NewGuid());
        foreach (var n in order) await _org.PublishAsync(moves[n], ids[n]);
        // Duplicates: a redelivery of the first (same message id), the last again under a new id.
        await _org.PublishAsync(moves[order[0]], ids[order[0]]);
        await _org.PublishAsync(moves[order[^1]]);
        // A community created under street 004 before it was renumbered, whose creation arrives last.
        var late = Guid.NewGuid();
        await _org.PublishAsync(new OrgNodeCreated(late, "632803/004/007", "007", "新建社区", "community", NewStreet, T0.AddSeconds(90)));

        await DrainedAsync("632803/006/003", T0.AddMinutes(10));
        Assert.True(await Eventually.HoldsAsync(() => QueryAsync(db => db.OrgNodes.AnyAsync(n => n.NodeId == late, Ct)), Ct));
        // Three moves logged, the duplicates none. Counted for this tree's nodes only: org events are published to every
        // grid host on the broker, and IntakeAfterMoveTests, running beside this class, moves nodes of its own (seen in CI).
        Guid[] ours = [_org.CommunityId, _org.NewStreetId, _org.OldStreetId];
        Assert.Equal(3, await QueryAsync(db => db.Set<Messaging.OrgPaths.OrgMove>().CountAsync(m => ours.Contains(m.NodeId), Ct)));
        var paths = await QueryAsync(db => db.OrgNodes.Where(n => n.Path.StartsWith(County)).ToDictionaryAsync(n => n.NodeId, n => n.Path, Ct));
        Assert.Equal("632803/005/002", paths[_org.CommunityId]);
        Assert.Equal("632803/006/003", paths[_org.NeighbourId]);
        Assert.Equal(("632803/005", "632803/006"), (paths[_org.NewStreetId], paths[_org.OldStreetId]));
        Assert.Equal("632803/005/007", paths[late]);
        var stored = await QueryAsync(db => db.Incidents.SingleAsync(i => i.Id == incident.Id, Ct));
        Assert.Equal(("632803/005/002/001", "632803/005/002"), (stored.OrgPath, stored.ResponsibleOrgPath));
        var storedEscalated = await QueryAsync(db => db.Incidents.SingleAsync(i => i.Id == escalated.Id, Ct));
        Assert.Equal(("632803/005/002/001", "632803/005"), (storedEscalated.OrgPath, storedEscalated.ResponsibleOrgPath));
        Assert.Equal(["632803/005/002"], await QueryAsync(db => db.Cells.Where(c => c.Code.StartsWith("632803")).Select(c => c.CommunityPath).Distinct().ToListAsync(Ct)));
    }
}
