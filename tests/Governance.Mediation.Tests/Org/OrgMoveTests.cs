using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.Grid;
using Governance.Contracts.Identity;
using Governance.Mediation.Bodies;
using Governance.Mediation.Cases;
using Governance.Mediation.Tests.Infrastructure;
using Governance.Messaging.Inbox;
using Governance.Messaging.OrgPaths;
using Governance.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Mediation.Tests.Cases.CaseTestKit;

namespace Governance.Mediation.Tests.Org;

/// <summary>
/// Issue 12, records follow their org: a community moves to another street (identity's OrgNodeChanged
/// on the real RabbitMQ) and its disputes and bodies go with it. The old street's staff lose them,
/// parties' contacts included; the new street's gain them; the community's own staff keep them; over
/// REST and over gRPC with python3-grpcio. Its own county (632803), so that what it publishes on the
/// broker moves nothing of another test's 632801.
/// </summary>
public sealed class OrgMoveTests : IAsyncLifetime
{
    private const string County = "632803";
    private const string OldStreet = "632803/001";
    private const string NewStreet = "632803/004";
    private const string Community = "632803/001/002";
    private const string MovedCommunity = "632803/004/002";
    private static readonly DateTime T0 = new(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);

    private readonly string _prefix = $"med-orgmove-{Guid.NewGuid():n}"[..24];
    private readonly Guid _community = Guid.NewGuid();
    private MediationHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await MediationHost.StartAsync(new Dictionary<string, string?>
    {
        ["ConnectionStrings:rabbitmq"] = TestRabbitMq.ConnectionString,
        ["Messaging:ServiceName"] = _prefix,
    });

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await TestRabbitMq.DeleteQueuesOfAsync(_prefix);
    }

    private Task PublishAsync<T>(T message, Guid? messageId = null) where T : class =>
        _host.Services.GetRequiredService<IBus>().Publish(message, c => c.MessageId = messageId ?? NewId.NextGuid(), Ct);

    /// <summary>
    /// A rename published after the events under test on the same queue; once its inbox row is there,
    /// everything published before it on that queue has been consumed (one batch at a time, in order).
    /// </summary>
    private async Task DrainedAsync()
    {
        var sentinel = NewId.NextGuid();
        await PublishAsync(new OrgNodeChanged(Guid.NewGuid(), County, County, "哨兵", DateTime.UtcNow), sentinel);
        Assert.True(await Eventually.HoldsAsync(() => _host.QueryAsync(db => db.Set<InboxMessage>().AnyAsync(m => m.MessageId == sentinel, Ct)), Ct),
            "The org events were not consumed.");
    }

    private Task<DisputeCase> CaseAsync(Guid id) => _host.QueryAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == id, Ct));

    [Fact]
    public async Task A_community_moved_to_another_street_takes_its_disputes_and_the_old_street_loses_them()
    {
        var oldStreet = _host.ClientAs("operator-old", OldStreet, "centre_operator");
        var neighbours = await RegisterAsync(oldStreet, Request(Community, contact: "13800138000"));
        // A major labour dispute of 12 people starts at the street: the old street is responsible.
        var labour = await RegisterAsync(oldStreet, Request(Community, category: "labour_and_wages", risk: "major", people: 12));
        Assert.Equal(OldStreet, labour.ResponsibleOrgPath);
        var body = await AddBodyAsync(_host, "社区人民调解委员会", BodyKind.PeoplesCommittee, MediationLevel.Community, Community);
        Assert.Equal(HttpStatusCode.OK, (await oldStreet.GetAsync($"/api/mediation/cases/{neighbours.Id}", Ct)).StatusCode);

        var move = new OrgNodeChanged(_community, MovedCommunity, Community, "迁移社区", DateTime.UtcNow);
        var messageId = NewId.NextGuid();
        await PublishAsync(move, messageId);
        await PublishAsync(move, messageId);
        await DrainedAsync();

        Assert.Equal(MovedCommunity, (await CaseAsync(neighbours.Id)).OrgPath);
        var labourNow = await CaseAsync(labour.Id);
        Assert.Equal((MovedCommunity, NewStreet), (labourNow.OrgPath, labourNow.ResponsibleOrgPath));
        Assert.Equal(MovedCommunity, (await _host.QueryAsync(db => db.Bodies.SingleAsync(b => b.Id == body.Id, Ct))).OrgPath);
        // This community's moves only: org events fan out to every mediation host on the broker.
        Assert.Equal(1, await _host.QueryAsync(db => db.Set<OrgMove>().CountAsync(m => m.NodeId == _community, Ct)));

        // The old street's staff lose the cases, parties' contacts with them; the new street's and the community's own read them.
        foreach (var id in new[] { neighbours.Id, labour.Id })
            Assert.Equal(HttpStatusCode.NotFound, (await oldStreet.GetAsync($"/api/mediation/cases/{id}", Ct)).StatusCode);
        Assert.Empty(await oldStreet.GetFromJsonAsync<List<CaseView>>("/api/mediation/cases", Ct) ?? []);
        var newStreet = _host.ClientAs("operator-new", NewStreet, "centre_operator");
        var community = _host.ClientAs("operator-community", MovedCommunity, "centre_operator");
        foreach (var staff in new[] { newStreet, community })
        {
            var detail = (await staff.GetFromJsonAsync<CaseDetailView>($"/api/mediation/cases/{neighbours.Id}", Ct))!;
            Assert.Equal((MovedCommunity, 2), (detail.Case.OrgPath, detail.Parties.Count));
        }
        Assert.Equal(2, (await newStreet.GetFromJsonAsync<List<CaseView>>("/api/mediation/cases", Ct))!.Count);

        // A caller still holding the old code is told where it went; nothing is registered there.
        var stale = await _host.ClientAs("operator-root", County, "centre_operator").PostAsJsonAsync("/api/mediation/cases", Request(Community), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Contains(MovedCommunity, (await stale.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("orgPath")[0].GetString());
        // A hand-over grid wrote before it heard of the move lands at the current path.
        var incident = Guid.NewGuid();
        await PublishAsync(new DisputeHandedOver(incident, "20261101-000001", "632803001002001", Community + "/001", "dispute", DateTime.UtcNow));
        Assert.Equal(MovedCommunity + "/001", Assert.Single(await WaitForCasesAsync(_host, incident.ToString())).OrgPath);

        // Over gRPC, with python3-grpcio as the client.
        string Token(string subject, string org) => _host.Issuer.TokenFor(subject, org, ["centre_operator"]);
        var r = JsonDocument.Parse(await PythonScript.RunAsync(Path.Combine(AppContext.BaseDirectory, "Grpc", "Interop", "mediation_org_move.py"),
            [$"127.0.0.1:{_host.Grpc.Port}", neighbours.Id.ToString(), $"new={Token("op-new", NewStreet)}", $"community={Token("op-c", MovedCommunity)}",
             $"old={Token("op-old", OldStreet)}"], Ct)).RootElement;
        Assert.Equal(["OK", "", MovedCommunity], r.GetProperty("new").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["OK", "", MovedCommunity], r.GetProperty("community").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("NOT_FOUND", r.GetProperty("old")[0].GetString());
    }

    [Theory]
    [InlineData(new[] { 1, 2, 3 })]
    [InlineData(new[] { 3, 2, 1 })]
    [InlineData(new[] { 2, 3, 1 })]
    public async Task Moves_apply_in_identitys_order_whatever_order_and_however_often_they_arrive(int[] order)
    {
        var intake = _host.ClientAs("operator-root", County, "centre_operator");
        var neighbours = await RegisterAsync(intake, Request(Community));
        var labour = await RegisterAsync(intake, Request(Community, category: "labour_and_wages", risk: "major", people: 12));
        var elsewhere = await RegisterAsync(intake, Request("632803/001/003"));
        // The community to street 004 (t1), street 004 renumbered 005 (t2), the old street 001 renumbered 006 (t3).
        var moves = new Dictionary<int, OrgNodeChanged>
        {
            [1] = new(_community, MovedCommunity, Community, "迁移社区", T0.AddMinutes(1)),
            [2] = new(Guid.NewGuid(), "632803/005", NewStreet, "新街道", T0.AddMinutes(2)),
            [3] = new(Guid.NewGuid(), "632803/006", OldStreet, "旧街道", T0.AddMinutes(3)),
        };
        var ours = moves.Values.Select(m => m.NodeId).ToList();
        var ids = order.ToDictionary(n => n, _ => NewId.NextGuid());
        foreach (var n in order) await PublishAsync(moves[n], ids[n]);
        await PublishAsync(moves[order[0]], ids[order[0]]);
        await PublishAsync(moves[order[^1]]);
        await DrainedAsync();

        Assert.Equal(("632803/005/002", "632803/005/002"), ((await CaseAsync(neighbours.Id)).OrgPath, (await CaseAsync(neighbours.Id)).ResponsibleOrgPath));
        var labourNow = await CaseAsync(labour.Id);
        Assert.Equal(("632803/005/002", "632803/005"), (labourNow.OrgPath, labourNow.ResponsibleOrgPath));
        var elsewhereNow = await CaseAsync(elsewhere.Id);
        Assert.Equal(("632803/006/003", "632803/006/003"), (elsewhereNow.OrgPath, elsewhereNow.ResponsibleOrgPath));
        Assert.Equal(3, await _host.QueryAsync(db => db.Set<OrgMove>().CountAsync(m => ours.Contains(m.NodeId), Ct)));
    }
}
