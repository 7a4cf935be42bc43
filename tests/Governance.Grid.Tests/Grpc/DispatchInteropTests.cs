using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.Grid;
using Governance.Grid.Incidents;
using Governance.Grid.Tests.Incidents;
using Governance.Grid.Tests.Infrastructure;
using static Governance.Grid.Tests.Infrastructure.GridHost;

namespace Governance.Grid.Tests.Grpc;

/// <summary>退单 and 改派 with Debian's python3-grpcio as the departments' and the centre's client.</summary>
public sealed class DispatchInteropTests : IAsyncLifetime
{
    private GridHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await GridHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Python_grpcio_returns_an_incident_and_re_dispatches_it_to_another_department()
    {
        var worker = _host.ClientAs("worker-1", Grid1, "grid_worker");
        var @operator = _host.ClientAs("operator-1", Street, "centre_operator");
        var reported = await worker.ReportAsync();
        await @operator.StepAsync(reported.Id, "register", new { });
        var centre = _host.Issuer.TokenFor("operator-1", Street, ["centre_operator"]);
        var urban = _host.Issuer.TokenFor("urban-1", "632801", ["department_handler"], Department);
        var water = _host.Issuer.TokenFor("water-1", "632801", ["department_handler"], WaterDepartment);

        var r = JsonDocument.Parse(await PythonScript.RunAsync(Path.Combine(AppContext.BaseDirectory, "Grpc", "Interop", "dispatch_client.py"),
            [$"127.0.0.1:{_host.Grpc.Port}", centre, urban, water, reported.Id.ToString(), Department, WaterDepartment], Ct)).RootElement;

        string[] Strings(string name) => [.. r.GetProperty(name).EnumerateArray().Select(e => e.ToString())];
        Assert.Equal("INVALID_ARGUMENT", Strings("unknown_department")[0]);
        Assert.Contains("no-such-department", Strings("unknown_department")[1]);
        Assert.Equal(["dispatched", Department], Strings("dispatched"));
        Assert.Equal("PERMISSION_DENIED", Strings("return_by_another")[0]);
        Assert.Equal("INVALID_ARGUMENT", Strings("return_without_reason")[0]);
        Assert.Equal(["returned", "", "dispatch"], Strings("returned"));
        Assert.Equal("FAILED_PRECONDITION", Strings("redispatch_to_same")[0]);
        Assert.StartsWith("RedispatchNeedsAnotherDepartment: ", Strings("redispatch_to_same")[1]);
        Assert.Equal(["dispatched", WaterDepartment], Strings("redispatched"));
        Assert.Equal("accepted", r.GetProperty("accepted").GetString());
        var parts = r.GetProperty("parts").EnumerateArray()
            .Select(p => (p[0].GetString()!, p[1].GetString()!, p[2].GetInt32(), p[3].GetString()!, p[4].GetString()!)).ToList();
        Assert.Equal([(Department, "lead", 1, "returned", "供水管道问题, 非城管职责"), (WaterDepartment, "lead", 2, "accepted", "")], parts);

        // What the Python client did is what REST shows: the timeline and the events.
        var timeline = (await @operator.GetFromJsonAsync<List<StepView>>($"/api/grid/incidents/{reported.Id}/timeline", Ct))!;
        Assert.Equal(["report", "register", "dispatch", "return", "redispatch", "accept"], timeline.Select(s => s.Action));
        Assert.Equal(("urban-1", "供水管道问题, 非城管职责"), (timeline[3].Actor, timeline[3].Note));
        var returned = Assert.Single(await _host.Events.AllAsync<IncidentReturned>(e => e.IncidentId == reported.Id));
        Assert.Equal((Department, "lead"), (returned.DepartmentId, returned.Role));
    }
}
