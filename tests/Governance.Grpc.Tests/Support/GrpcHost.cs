using Governance.Grpc.Server;
using Governance.ServiceDefaults;
using Governance.ServiceDefaults.Health;
using Governance.Testing.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Governance.Grpc.Tests.Support;

/// <summary>A "ready" check the test turns on and off, standing in for a database; it counts its runs.</summary>
public sealed class SwitchCheck : IHealthCheck
{
    private int _runs;
    public volatile bool Healthy = true;

    public int Runs => Volatile.Read(ref _runs);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _runs);
        return Task.FromResult(Healthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("switched off"));
    }
}

/// <summary>
/// A real host on loopback composed as the services' Program.cs composes theirs (service defaults,
/// <c>AddGrpcServer</c>, health anonymous, reflection for signed-in callers), serving echo.proto, plus
/// the issuer whose tokens it trusts. The health publisher runs once at start and then only when a test
/// publishes, so a test sees exactly which checks ran.
/// </summary>
public class GrpcHost : IAsyncLifetime
{
    private WebApplication? _app;

    public TestIssuer Issuer { get; private set; } = null!;
    public Uri Http { get; private set; } = null!;
    public Uri Grpc { get; private set; } = null!;
    public SwitchCheck Switch { get; } = new();
    public IServiceProvider Services => _app!.Services;

    public string Token() => Issuer.Token();

    public async ValueTask InitializeAsync()
    {
        Issuer = await TestIssuer.StartAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Hosting:HttpPort"] = "0", ["Hosting:GrpcPort"] = "0" });
        builder.Configuration.AddInMemoryCollection(Issuer.Settings());
        builder.AddServiceDefaults();
        builder.AddGrpcServer();
        builder.Services.AddSingleton<CallProbe>();
        builder.Services.AddHealthChecks().AddCheck("switch", Switch, tags: [HealthEndpoints.ReadyTag]);
        builder.Services.Configure<HealthCheckPublisherOptions>(o =>
        {
            o.Delay = TimeSpan.FromMilliseconds(100);
            o.Period = TimeSpan.FromHours(1);
        });

        _app = builder.Build();
        _app.MapDefaultEndpoints();
        Map(_app);
        _app.MapGrpcHealthChecksService().AllowAnonymous();
        _app.MapGrpcReflectionService().RequireAuthorization();
        await _app.StartAsync();

        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        Http = new Uri(addresses[0]);
        Grpc = new Uri(addresses[1]);
    }

    /// <summary>Maps echo.proto; a subclass may add conventions.</summary>
    protected virtual void Map(WebApplication app) => app.MapGrpcService<EchoService>();

    /// <summary>Runs the checks once and hands the report to the publishers, as the publisher's timer does.</summary>
    public async Task PublishHealthAsync()
    {
        var report = await Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);
        foreach (var publisher in Services.GetServices<IHealthCheckPublisher>()) await publisher.PublishAsync(report, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (Issuer is not null) await Issuer.DisposeAsync();
    }
}
