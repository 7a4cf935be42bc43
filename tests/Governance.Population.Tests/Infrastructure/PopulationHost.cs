using System.Net.Http.Json;
using System.Security.Cryptography;
using Governance.Population.Data;
using Governance.Testing.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Governance.Population.Tests.Infrastructure;

/// <summary>The population service on the shared <see cref="ServiceTestHost{TDb}"/>, with fresh protection keys.</summary>
public sealed class PopulationHost : ServiceTestHost<PopulationDb>
{
    public const string County = "632801";
    public const string Street = "632801/001";
    public const string Community = "632801/001/002";
    public const string OtherCommunity = "632801/001/003";
    public const string Grid1 = "632801/001/002/001";

    public static readonly ServiceUnderTest Service = new("population", b => b.AddPopulationService(), a => a.MapPopulationService());

    private PopulationHost() { }

    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Keys 1 (current) and the look-up key, fresh, unless <paramref name="settings"/> gives its own.</summary>
    /// <param name="sqlite">On a SQLite file, as the standalone host runs, instead of PostgreSQL.</param>
    /// <param name="configure">Replaces or adds services after the service's own (e.g. a test's stand-in for a stage of an import).</param>
    public static async Task<PopulationHost> StartAsync(IDictionary<string, string?>? settings = null, bool sqlite = false, bool runtimeRole = false,
        Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null)
    {
        var host = new PopulationHost();
        var all = new Dictionary<string, string?>();
        if (settings is null || !settings.Keys.Any(k => k.StartsWith("Population:Protection:Keys:", StringComparison.Ordinal)))
            all["Population:Protection:Keys:1:Key"] = NewKey();
        all["Population:Protection:LookupKey"] = NewKey();
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        await host.StartServiceAsync(Service, new ServiceTestHostOptions { Settings = all, Sqlite = sqlite, RuntimeRole = runtimeRole, Configure = configure });
        return host;
    }

    /// <summary>The connection string of the service's PostgreSQL database (null on SQLite).</summary>
    public string? ConnectionString => Services.GetRequiredService<IConfiguration>().GetConnectionString("population");

    /// <summary>The SQLite file (and its write-ahead log) the service keeps, when on SQLite.</summary>
    public string SqliteFile => Path.Combine(Services.GetRequiredService<IConfiguration>()["Database:Directory"]!, "population.db");

    /// <summary>Runs the checks once and hands the report to the publishers (gRPC health answers their last report), as the publisher's timer does.</summary>
    public async Task PublishHealthAsync()
    {
        var report = await Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);
        foreach (var publisher in Services.GetServices<IHealthCheckPublisher>()) await publisher.PublishAsync(report, TestContext.Current.CancellationToken);
    }

    public HttpClient GridWorker(string org = Grid1) => ClientAs("gw-1", org, "grid_worker");
    public HttpClient Investigator(string org = County) => ClientAs("inv-1", org, "investigator");
    public HttpClient Auditor(string org = Community) => ClientAs("aud-1", org, "auditor");
}

/// <summary>Registration bodies as the console sends them.</summary>
public static class People
{
    public const string ZhangId = "632801199003071235";
    public const string LiId = "11010519491231002X";
    public const string Phone = "13812345678";

    public static object Registered(string number = ZhangId, string name = "张三", string? phone = Phone, string org = PopulationHost.Grid1) => new
    {
        name, documentType = "resident_id", documentNumber = number, phone, residence = new { status = "registered" }, orgPath = org,
    };

    public static object Floating(string number = LiId, string permit = "QH2026000123", string org = PopulationHost.Grid1) => new
    {
        name = "李四", documentType = "resident_id", documentNumber = number, phone = "0979-8412345",
        residence = new { status = "floating", permitNumber = permit, validFrom = "2026-01-01", validUntil = "2027-01-01" }, orgPath = org,
    };

    public static async Task<Guid> RegisterAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/population/persons", body, TestContext.Current.CancellationToken);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetGuid();
    }
}
