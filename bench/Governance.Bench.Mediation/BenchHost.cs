using Governance.Grpc.Server;
using Governance.Mediation;
using Governance.Mediation.Data;
using Governance.Messaging.Bus;
using Governance.ServiceDefaults;
using Governance.Testing;
using Governance.Testing.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.Bench.Mediation;

/// <summary>The mediation service as its host composes it (Kestrel h2c gRPC, PostgreSQL, RabbitMQ), on a fresh database, trusting a test issuer.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TestPostgres _database;

    private BenchHost(WebApplication app, TestPostgres database, TestIssuer issuer, Uri grpc) => (_app, _database, Issuer, Grpc) = (app, database, issuer, grpc);

    public TestIssuer Issuer { get; }
    public Uri Grpc { get; }

    public static async Task<BenchHost> StartAsync(string rabbitmq)
    {
        var issuer = await TestIssuer.StartAsync();
        issuer.Roles = IdentityRoles.Catalogue();
        var database = await TestPostgres.CreateAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hosting:HttpPort"] = "0",
            ["Hosting:GrpcPort"] = "0",
            ["ConnectionStrings:mediation"] = database.ConnectionString,
            ["ConnectionStrings:rabbitmq"] = rabbitmq,
            ["Messaging:ServiceName"] = "bench-mediation-cases",
            ["Auth:Issuer"] = issuer.Issuer,
            ["Auth:Audience"] = TestIssuer.Audience,
        });
        builder.AddServiceDefaults();
        builder.AddGrpcServer();
        builder.AddMediationService();
        builder.AddMessaging();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapMediationService();
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<MediationDb>().Database.EnsureCreatedAsync();
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        return new BenchHost(app, database, issuer, new Uri(addresses[1]));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}
