using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.Mediation;
using Governance.Grid.Incidents;
using Governance.Mediation.Cases;
using Governance.Testing;
using Microsoft.EntityFrameworkCore;
using static Governance.EndToEnd.Tests.DisputeLoop.DisputeLoopHosts;

namespace Governance.EndToEnd.Tests.DisputeLoop;

/// <summary>
/// The loop both ways with Debian's python3-grpcio as the client of both services: it reads the case's
/// number from the grid incident's timeline, completes the case and withdraws it in mediation, and sees
/// the grid incident close, all over gRPC, the services joined by RabbitMQ.
/// </summary>
[Collection(DisputeLoopCollection.Name)]
public sealed class DisputeLoopGrpcInteropTests : IAsyncLifetime
{
    private DisputeLoopHosts _hosts = null!;

    public async ValueTask InitializeAsync() => _hosts = await DisputeLoopHosts.StartAsync();

    public async ValueTask DisposeAsync() => await _hosts.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Python_grpcio_completes_and_withdraws_a_handed_over_case_and_sees_the_grid_incident_close()
    {
        using var centre = _hosts.Grid.ClientAs("operator-1", Street, "centre_operator");
        var reported = await centre.PostAsJsonAsync("/api/grid/incidents", new
        {
            source = "hotline", category = "dispute", urgency = "normal", title = "邻里噪音纠纷", description = "楼上夜间装修", latitude = 36.405, longitude = 94.905,
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        var incidentId = (await reported.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("incident").GetProperty("id").GetGuid();
        Assert.True((await centre.PostAsJsonAsync($"/api/grid/incidents/{incidentId}/register", new { }, Ct)).IsSuccessStatusCode);
        Assert.True((await centre.PostAsJsonAsync($"/api/grid/incidents/{incidentId}/hand-over", new { }, Ct)).IsSuccessStatusCode);

        var r = JsonDocument.Parse(await PythonScript.RunAsync(Path.Combine(AppContext.BaseDirectory, "DisputeLoop", "Interop", "dispute_loop_client.py"),
            [$"127.0.0.1:{_hosts.Grid.Grpc.Port}", _hosts.Grid.Issuer.TokenFor("operator-1", Street, ["centre_operator"]),
             $"127.0.0.1:{_hosts.Mediation.Grpc.Port}", _hosts.Mediation.Issuer.TokenFor("m-community", Community, ["mediator"]), incidentId.ToString()], Ct)).RootElement;

        Assert.Matches(@"^TJ\d{8}-\d{6}$", r.GetProperty("number").GetString());
        Assert.True(r.GetProperty("same_case").GetBoolean());
        Assert.Equal(("噪音纠纷", "neighbour"), (r.GetProperty("name").GetString(), r.GetProperty("category").GetString()));
        Assert.Equal(["applicant 张三", "respondent 李四"], r.GetProperty("parties").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["INVALID_ARGUMENT", "原因为 'other' 时，请在备注（note）中说明具体原因。"], r.GetProperty("bad_decline").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("withdrawn", r.GetProperty("state").GetString());
        Assert.Equal("FAILED_PRECONDITION", r.GetProperty("fixed")[0].GetString());
        Assert.StartsWith("CaseDataFixedOnceMediationStarts: ", r.GetProperty("fixed")[1].GetString());
        Assert.Equal(["report", "register", "hand-over", "mediation-registered", "mediation-withdrawn", "close"],
            r.GetProperty("grid_actions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("closed", r.GetProperty("grid_state").GetString());

        // What each service holds: the case withdrawn (its event naming the incident), the incident closed.
        var withdrawn = await _hosts.Mediation.Events.WaitForAsync<DisputeWithdrawn>(e => e.IncidentId == incidentId);
        Assert.Equal("settled_between_parties", withdrawn.Reason);
        Assert.Equal(CaseState.Withdrawn, (await _hosts.Mediation.QueryAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == withdrawn.CaseId, Ct))).State);
        Assert.Equal(IncidentState.Closed, (await _hosts.Grid.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => i.Id == incidentId, Ct))).State);
    }
}
