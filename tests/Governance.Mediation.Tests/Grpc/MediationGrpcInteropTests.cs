using System.Text.Json;
using Governance.Contracts.Mediation.V1;
using Governance.Mediation.Tests.Infrastructure;
using static Governance.Mediation.Tests.Infrastructure.MediationHost;

namespace Governance.Mediation.Tests.Grpc;

public sealed class MediationGrpcInteropTests : IAsyncLifetime
{
    private MediationHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await MediationHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Python_grpcio_registers_a_case_and_reads_it_back()
    {
        var token = _host.Issuer.TokenFor("bureau-3", Street, ["centre_operator"]);
        var before = _host.Clock.GetUtcNow().ToUnixTimeSeconds();
        var r = JsonDocument.Parse(await PythonScript.RunAsync(Path.Combine(AppContext.BaseDirectory, "Grpc", "Interop", "mediation_client.py"),
            [$"127.0.0.1:{_host.Grpc.Port}", token], Ct)).RootElement;
        Assert.Matches("^TJ[0-9]{8}-000001$", r.GetProperty("number").GetString());
        // A major labour dispute starts at the community, and 12 people put it one level up (the level rules).
        Assert.Equal(("registered", "street", "632801/001", "labour_and_wages", "某建筑公司"), (r.GetProperty("state").GetString(), r.GetProperty("level").GetString(),
            r.GetProperty("responsible").GetString(), r.GetProperty("category").GetString(), r.GetProperty("party").GetString()));
        Assert.Equal(86000, r.GetProperty("amount").GetDouble());
        // Registered while the script ran, by the host's clock (a slow machine may take seconds to start Python).
        Assert.InRange(r.GetProperty("created_at").GetInt64(), before - 1, _host.Clock.GetUtcNow().ToUnixTimeSeconds() + 1);
        Assert.Equal(["INVALID_ARGUMENT", "请提供风险等级：ordinary、major 或 complex。"], r.GetProperty("bad_risk").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("UNAUTHENTICATED", r.GetProperty("anonymous")[0].GetString());
    }
}
