using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Governance.Grpc.Server;
using Governance.Messaging.Bus;
using Governance.ServiceDefaults;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.Testing.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Testing.Hosting;

/// <summary>
/// One service on real Kestrel (loopback, HTTP/1.1 and h2c ports chosen by the OS) and a fresh
/// PostgreSQL database (or a SQLite file), composed as the service's <c>Program.cs</c> composes it:
/// service defaults, the gRPC server with health and reflection, the service, the bus. It trusts a
/// <see cref="TestIssuer"/> serving identity's role catalogue, and its clock is a <see cref="TestClock"/>.
/// The schema comes straight from the model (the migrations are checked against it in each service's
/// schema tests), or from the migrations run as an owner role (<see cref="ServiceTestHostOptions.RuntimeRole"/>).
/// The benchmarks start their services with it too, outside any test run (<see cref="ServiceTestHostOptions.RealClock"/>).
/// </summary>
public class ServiceTestHost<TDb> : IAsyncDisposable where TDb : DbContext
{
    private WebApplication _app = null!;
    private TestPostgres? _database;
    private TestIssuer? _issuer;

    protected ServiceTestHost() { }

    public Uri Http { get; private set; } = null!;
    public Uri Grpc { get; private set; } = null!;
    public TestClock Clock { get; } = new();
    public IServiceProvider Services => _app.Services;
    public PublishedEvents Events { get; private set; } = null!;

    /// <summary>The issuer the host trusts; none when the host issues its own tokens.</summary>
    public TestIssuer Issuer => _issuer ?? throw new InvalidOperationException("This host issues its own tokens.");

    public static async Task<ServiceTestHost<TDb>> StartAsync(ServiceUnderTest service, ServiceTestHostOptions? options = null)
    {
        var host = new ServiceTestHost<TDb>();
        await host.StartServiceAsync(service, options ?? new());
        return host;
    }

    protected async Task StartServiceAsync(ServiceUnderTest service, ServiceTestHostOptions options)
    {
        var ct = Cancellation;
        var settings = new Dictionary<string, string?>
        {
            ["Hosting:HttpPort"] = "0",
            ["Hosting:GrpcPort"] = "0",
            ["Database:Directory"] = Path.Combine(Path.GetTempPath(), "governance-tests", Guid.NewGuid().ToString("n")),
            ["Auth:Audience"] = TestIssuer.Audience,
        };
        if (options.SelfIssued)
        {
            var port = FreePort();
            settings["Hosting:HttpPort"] = port.ToString();
            settings["Auth:Issuer"] = $"http://127.0.0.1:{port}";
        }
        else
        {
            _issuer = await TestIssuer.StartAsync(ct);
            _issuer.Roles = IdentityRoles.Catalogue();
            settings["Auth:Issuer"] = _issuer.Issuer;
        }
        if (options.RuntimeRole)
        {
            _database = await TestPostgres.CreateWithRolesAsync();
            settings[$"ConnectionStrings:{service.Database}"] = _database.RuntimeConnectionString;
            settings[$"ConnectionStrings:{service.Database}-owner"] = _database.OwnerConnectionString;
        }
        else if (!options.Sqlite)
        {
            _database = await TestPostgres.CreateAsync();
            settings[$"ConnectionStrings:{service.Database}"] = _database.ConnectionString;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings);
        if (options.Settings is not null) builder.Configuration.AddInMemoryCollection(options.Settings);
        // As Program.cs composes a service host.
        builder.AddServiceDefaults();
        builder.AddGrpcServer();
        service.Add(builder);
        builder.AddMessaging();
        if (!options.RealClock) builder.Services.AddSingleton<TimeProvider>(Clock);
        options.Configure?.Invoke(builder);

        _app = builder.Build();
        _app.MapDefaultEndpoints();
        _app.MapGrpcHealthChecksService().AllowAnonymous();
        _app.MapGrpcReflectionService().RequireAuthorization();
        service.Map(_app);
        if (options.RuntimeRole)
            await SchemaCommands.MigrateAllAsync(_app.Services, ct);
        else
            await using (var scope = _app.Services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<TDb>().Database.EnsureCreatedAsync(ct);
        Events = PublishedEvents.Watch(_app.Services);
        await _app.StartAsync(ct);
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        (Http, Grpc) = (new Uri(addresses[0]), new Uri(addresses[1]));
    }

    /// <summary>An HTTP client carrying a test-issuer token for <paramref name="subject"/> at <paramref name="org"/> with <paramref name="role"/>.</summary>
    public HttpClient ClientAs(string subject, string org, string role, string? department = null) =>
        Client(Issuer.TokenFor(subject, org, [role], department));

    /// <summary>An HTTP client carrying a test-issuer token for <paramref name="subject"/>, at home in <paramref name="org"/>, holding <paramref name="posts"/>.</summary>
    public HttpClient ClientWithPosts(string subject, string org, params Post[] posts) =>
        Client(Issuer.TokenWithPosts(subject, org, posts, TimeSpan.FromDays(3650)));

    /// <summary>An HTTP client to the host, with <paramref name="token"/> as its bearer token if given.</summary>
    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Http };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Writes straight to the service's database: test setup, not behaviour under test.</summary>
    public async Task SeedAsync(Action<TDb> seed)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        seed(db);
        await db.SaveChangesAsync(Cancellation);
    }

    public async Task<T> QueryAsync<T>(Func<TDb, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TDb>());
    }

    // The running test's token. Outside a test run (a benchmark) xUnit answers with an idle context
    // whose token nothing ever cancels; None says so instead of leaning on that.
    private static CancellationToken Cancellation =>
        TestContext.Current.PipelineStage == TestPipelineStage.Unknown ? CancellationToken.None : TestContext.Current.CancellationToken;

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        if (_issuer is not null) await _issuer.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
