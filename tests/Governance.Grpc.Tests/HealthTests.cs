using System.Net;
using Governance.Grpc.Tests.Support;
using Grpc.Core;
using Grpc.Health.V1;
using static Governance.Grpc.Tests.Support.EchoChannel;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Governance.Grpc.Tests;

/// <summary>grpc.health.v1 through Grpc.AspNetCore.HealthChecks: the same checks as /health/ready, anonymous.</summary>
public sealed class HealthTests : IAsyncLifetime
{
    private readonly GrpcHost _host = new();

    public ValueTask InitializeAsync() => _host.InitializeAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_answers_as_health_ready_does_without_a_token()
    {
        using var echo = new EchoChannel(_host.Grpc);
        using var http = new HttpClient { BaseAddress = _host.Http };
        var health = new Health.HealthClient(echo.Channel);
        // Check answers what the publisher's last round found; this host's rounds are the test's own.
        await _host.PublishHealthAsync();
        Assert.Equal(ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest(), As(null))).Status);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready", Ct)).StatusCode);

        _host.Switch.Healthy = false;
        await _host.PublishHealthAsync();
        Assert.Equal(ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest(), As(null))).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/health/ready", Ct)).StatusCode);

        var unknown = await StatusOfAsync(() => health.CheckAsync(new HealthCheckRequest { Service = "no.such.Service" }, As(null)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Watch_streams_read_the_published_status_and_never_run_the_checks_themselves()
    {
        using var echo = new EchoChannel(_host.Grpc);
        var health = new Health.HealthClient(echo.Channel);
        var watches = Enumerable.Range(0, 20)
            .Select(_ => health.Watch(new HealthCheckRequest(), new CallOptions(cancellationToken: Ct)).ResponseStream).ToList();
        foreach (var watch in watches) Assert.Equal(ServingStatus.Serving, await NextKnownAsync(watch));
        var runs = _host.Switch.Runs;

        _host.Switch.Healthy = false;
        await _host.PublishHealthAsync();
        foreach (var watch in watches) Assert.Equal(ServingStatus.NotServing, await NextKnownAsync(watch, repeated: ServingStatus.Serving));
        // One round of checks for twenty watchers: the publisher's, never one per stream.
        Assert.Equal(runs + 1, _host.Switch.Runs);
    }

    // Before the publisher's first round a watch may say SERVICE_UNKNOWN; the standard lets it.
    private static async Task<ServingStatus> NextKnownAsync(IAsyncStreamReader<HealthCheckResponse> watch, ServingStatus repeated = ServingStatus.ServiceUnknown)
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.True(await watch.MoveNext(Ct));
            if (watch.Current.Status != ServingStatus.ServiceUnknown && watch.Current.Status != repeated) return watch.Current.Status;
        }
        return ServingStatus.ServiceUnknown;
    }
}
