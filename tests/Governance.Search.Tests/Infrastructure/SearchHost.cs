using System.Net.Http.Json;
using Governance.Search.Data;
using Governance.Search.Events;
using Governance.Testing.Hosting;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Search.Tests.Infrastructure;

/// <summary>
/// The search service on the shared <see cref="ServiceTestHost{TDb}"/>: PostgreSQL, the real RabbitMQ in a virtual host
/// of its own (deleted with everything in it when it stops), and the embedded Lucene backend in the host's own directory.
/// The virtual host keeps other test classes' hosts, which run beside it and publish the same event types, out of its
/// read model: on the shared exchanges their events reached every search host, so a test counting the read model's rows
/// (the rebuild's) could count a row another class's event added meanwhile.
/// </summary>
public sealed class SearchHost : ServiceTestHost<SearchDb>, IAsyncDisposable
{
    /// <summary>This host's county: a code of its own, so that other hosts' events on the shared broker never fall in its callers' scope.</summary>
    public string County { get; } = "7" + Random.Shared.Next(10_000_000, 99_999_999);

    public string Org(string tail) => $"{County}/{tail}";

    public static readonly ServiceUnderTest Service = new("search", b => b.AddSearchService(), a => a.MapSearchService());

    private string _prefix = "";

    /// <summary>This host's own Lucene index directory.</summary>
    public string IndexDirectory { get; } = Path.Combine(Path.GetTempPath(), "governance-tests", "search-" + Guid.NewGuid().ToString("n"));

    private SearchHost() { }

    /// <param name="settings">More settings, over the host's own.</param>
    /// <param name="configure">More services, registered after search's own (the last registration of a service wins).</param>
    public static async Task<SearchHost> StartAsync(bool sqlite = false, IDictionary<string, string?>? settings = null,
        Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null)
    {
        var host = new SearchHost { _prefix = "search-test-" + Guid.NewGuid().ToString("n")[..8] };
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = await TestRabbitMq.CreateVirtualHostAsync(host._prefix),
            ["Messaging:ServiceName"] = host._prefix,
            ["Search:IndexIntervalMs"] = "50",
            ["Search:LuceneDirectory"] = host.IndexDirectory,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        try
        {
            await host.StartServiceAsync(Service, new ServiceTestHostOptions { Sqlite = sqlite, Settings = all, Configure = configure });
        }
        catch
        {
            await TestRabbitMq.DeleteVirtualHostAsync(host._prefix);
            throw;
        }
        return host;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public Task PublishAsync(object message, Guid? messageId = null) =>
        Services.GetRequiredService<IBus>().Publish(message, ctx => ctx.MessageId = messageId ?? Guid.NewGuid(), Ct);

    public static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan patience)
    {
        var until = DateTime.UtcNow + patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > until) return false;
            await Task.Delay(50, Ct);
        }
        return true;
    }

    public async Task<T> GetAsync<T>(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, Ct);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<T>(Ct))!;
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await TestRabbitMq.DeleteVirtualHostAsync(_prefix);
    }
}
