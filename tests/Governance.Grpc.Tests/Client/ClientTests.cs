using Governance.Contracts.Grid.V1;
using Governance.Grpc.Client;
using Governance.Grpc.Tests.Echo;
using Governance.Grpc.Tests.Support;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Grpc.Tests.Client;

/// <summary>AddGovernanceGrpcClient: the generated typed client from grpc-dotnet's factory, with the platform's call defaults.</summary>
public sealed class ClientTests(GrpcHost host) : IClassFixture<GrpcHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServiceProvider Clients(TimeSpan? defaultDeadline = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGovernanceGrpcClient<Echo.Echo.EchoClient>(Echo.Echo.Descriptor, host.Grpc, defaultDeadline);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task The_token_of_the_request_being_served_goes_along_and_the_calls_own_wins()
    {
        using var clients = Clients();
        var echo = clients.GetRequiredService<Echo.Echo.EchoClient>();
        var accessor = clients.GetRequiredService<IHttpContextAccessor>();

        var outside = await Assert.ThrowsAsync<RpcException>(() => echo.SayAsync(new SayRequest { Text = "x" }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, outside.StatusCode);

        var served = new DefaultHttpContext();
        served.Request.Headers.Authorization = "Bearer " + host.Issuer.Token("end-user-1");
        accessor.HttpContext = served;
        Assert.Equal("end-user-1", (await echo.SayAsync(new SayRequest { Text = "x" }, cancellationToken: Ct)).Caller);
        var own = new Metadata { { "authorization", "Bearer " + host.Issuer.Token("service-9") } };
        Assert.Equal("service-9", (await echo.SayAsync(new SayRequest { Text = "x" }, own, cancellationToken: Ct)).Caller);
        accessor.HttpContext = null;
    }

    [Fact]
    public async Task A_call_that_sets_no_deadline_gets_the_default_one_and_the_server_sees_it_end()
    {
        using var clients = Clients(TimeSpan.FromSeconds(1));
        var echo = clients.GetRequiredService<Echo.Echo.EchoClient>();
        var probe = host.Services.GetRequiredService<CallProbe>();
        var token = new Metadata { { "authorization", "Bearer " + host.Token() } };
        var seen = false;
        for (var attempt = 0; attempt < 5 && !seen; attempt++)
        {
            var text = $"slow-{Guid.NewGuid():n}";
            var late = await Assert.ThrowsAsync<RpcException>(() => echo.SayAsync(new SayRequest { Text = text, DelayMs = 20_000 }, token, cancellationToken: Ct).ResponseAsync);
            Assert.Equal(StatusCode.DeadlineExceeded, late.StatusCode);
            // On a loaded machine the deadline can pass before the call reaches its handler (the server then only sees
            // the stream reset); the handler's view is what is asserted, so such an attempt is tried again.
            if (probe.Attempts(text) == 0) continue;
            Assert.True(await probe.Cancelled(text).Task.WaitAsync(TimeSpan.FromSeconds(10), Ct));
            seen = true;
        }
        Assert.True(seen, "No attempt reached the handler before its deadline.");

        // A deadline the call sets is kept.
        var patient = await echo.SayAsync(new SayRequest { Text = "patient", DelayMs = 600 }, token, DateTime.UtcNow.AddSeconds(30), Ct);
        Assert.Equal("patient", patient.Text);
    }

    [Fact]
    public async Task With_Dapr_on_calls_go_to_the_sidecar_port_naming_the_target_app_and_with_it_off_to_the_address()
    {
        // No daprd can run here: the echo host stands where the sidecar listens, and sees what the sidecar would route by.
        var token = new Metadata { { "authorization", "Bearer " + host.Token() } };
        var sayHeader = new SayRequest { Mode = "header", Text = DaprSidecar.AppIdHeader };
        ServiceProvider With(Dictionary<string, string?> settings)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddGovernanceGrpcClient<Echo.Echo.EchoClient>(Echo.Echo.Descriptor, new Uri("http://echo.invalid:1"))
                .ThroughDaprSidecarWhenEnabled(configuration, "echo");
            return services.BuildServiceProvider();
        }

        using (var on = With(new() { ["Dapr:Enabled"] = "true", ["DAPR_GRPC_PORT"] = host.Grpc.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                   ["Dapr:AppIds:echo"] = "echo-v1" }))
        {
            var reply = await on.GetRequiredService<Echo.Echo.EchoClient>().SayAsync(sayHeader, token, cancellationToken: Ct);
            Assert.Equal("echo-v1", reply.Text);
            Assert.Null(token.Get(DaprSidecar.AppIdHeader)); // the caller's metadata is left as it was
        }
        using (var off = With(new() { ["DAPR_GRPC_PORT"] = host.Grpc.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
        {
            var direct = await Assert.ThrowsAsync<RpcException>(() => off.GetRequiredService<Echo.Echo.EchoClient>().SayAsync(sayHeader, token, cancellationToken: Ct).ResponseAsync);
            Assert.Equal(StatusCode.Unavailable, direct.StatusCode); // it called echo.invalid, as configured
        }
    }

    [Fact]
    public async Task Only_rpcs_the_proto_marks_free_of_side_effects_are_retried()
    {
        using var clients = Clients();
        var echo = clients.GetRequiredService<Echo.Echo.EchoClient>();
        var probe = host.Services.GetRequiredService<CallProbe>();
        var token = new Metadata { { "authorization", "Bearer " + host.Token() } };
        var read = $"read-{Guid.NewGuid():n}";
        var say = $"say-{Guid.NewGuid():n}";

        var readError = await Assert.ThrowsAsync<RpcException>(() => echo.ReadAsync(new SayRequest { Mode = "rpc", Code = 14, Text = read }, token, cancellationToken: Ct).ResponseAsync);
        var sayError = await Assert.ThrowsAsync<RpcException>(() => echo.SayAsync(new SayRequest { Mode = "rpc", Code = 14, Text = say }, token, cancellationToken: Ct).ResponseAsync);
        Assert.Equal((StatusCode.Unavailable, StatusCode.Unavailable), (readError.StatusCode, sayError.StatusCode));
        Assert.Equal((3, 1), (probe.Attempts(read), probe.Attempts(say)));

        // Any other status is an answer, not a reason to try again.
        var gone = $"gone-{Guid.NewGuid():n}";
        await Assert.ThrowsAsync<RpcException>(() => echo.ReadAsync(new SayRequest { Mode = "rpc", Code = 5, Text = gone }, token, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(1, probe.Attempts(gone));
    }

    [Fact]
    public void The_platforms_reads_are_the_retried_ones()
    {
        var grid = IdempotentRetries.For(GridService.Descriptor).MethodConfigs.Single().Names.Select(n => n.Method);
        Assert.Equal(["LocateGrid", "GetGrid", "ListAssignedIncidents", "ListIncidentParts", "GetTimeline", "GetIncidents", "ListRules"], grid);
        Assert.Equal(["GetCase", "ListCasesByBody", "ListLevelRules"],
            IdempotentRetries.For(Contracts.Mediation.V1.MediationService.Descriptor).MethodConfigs.Single().Names.Select(n => n.Method));
    }
}
