using System.Diagnostics;
using System.Text.Json;
using Governance.Contracts.Grid.V1;
using Governance.Grid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Governance.Grid.Tests.Infrastructure.GridHost;

namespace Governance.Grid.Tests.Grpc;

public sealed class GridGrpcInteropTests : IAsyncLifetime
{
    private GridHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await GridHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Python_grpcio_locates_a_grid_and_reports_an_incident()
    {
        var token = _host.Issuer.TokenFor("operator-7", Street, ["centre_operator"]);
        var before = _host.Clock.GetUtcNow().ToUnixTimeSeconds();
        var r = JsonDocument.Parse(await RunPythonAsync($"127.0.0.1:{_host.Grpc.Port}", token)).RootElement;
        Assert.Equal(("632801001002001", Grid1, "第001网格"), (r.GetProperty("code").GetString(), r.GetProperty("org_path").GetString(), r.GetProperty("name").GetString()));
        Assert.Equal(("reported", "632801001002001", "路灯不亮"), (r.GetProperty("state").GetString(), r.GetProperty("grid_code").GetString(), r.GetProperty("title").GetString()));
        // Between the script's start and its end, however long Python took to start on a loaded machine.
        Assert.InRange(r.GetProperty("reported_at").GetInt64(), before, _host.Clock.GetUtcNow().ToUnixTimeSeconds());
        Assert.Equal(["NOT_FOUND", "坐标点 (0, 0) 不在任何网格内。"], r.GetProperty("outside").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["NOT_FOUND", "The point (0, 0) lies in no grid."], r.GetProperty("outside_en").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("INVALID_ARGUMENT", r.GetProperty("bad_source")[0].GetString());
        Assert.Equal("UNAUTHENTICATED", r.GetProperty("anonymous")[0].GetString());

        // The report is stored as the C# client's would be, attachment and all.
        var number = r.GetProperty("number").GetString();
        var steps = await _host.QueryAsync(db => db.IncidentSteps.Where(s => db.Incidents.Any(i => i.Id == s.IncidentId && i.Number == number)).ToListAsync(Ct));
        Assert.Equal(("operator-7", "report"), (steps.Single().Actor, steps.Single().Action));
        Assert.Contains("night.jpg", steps.Single().Attachments);
    }

    private static Task<string> RunPythonAsync(params string[] args) =>
        PythonScript.RunAsync(Path.Combine(AppContext.BaseDirectory, "Grpc", "Interop", "grid_client.py"), args, Ct);
}
