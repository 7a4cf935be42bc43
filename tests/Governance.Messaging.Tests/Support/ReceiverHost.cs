using Governance.Messaging.Bus;
using Governance.ServiceDefaults.Data;
using Governance.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Governance.Messaging.Tests.Support;

/// <summary>
/// A consuming service in the test process: its own PostgreSQL database, consumers with inboxes,
/// queues under a prefix of its own on the real RabbitMQ (deleted at the end).
/// </summary>
public sealed class ReceiverHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string[] _queues;

    private ReceiverHost(IHost host, string[] queues)
    {
        _host = host;
        _queues = queues;
    }

    public IServiceProvider Services => _host.Services;

    /// <summary>What the host logged at Warning and above, for a failing test's message.</summary>
    public CapturedLogs Logs { get; private init; } = new();

    public static async Task<ReceiverHost> StartAsync(
        string database, string prefix, Action<IBusRegistrationConfigurator> consumers, string[] queues,
        IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:receiver"] = database,
            ["ConnectionStrings:rabbitmq"] = TestRabbitMq.ConnectionString,
            ["Messaging:ServiceName"] = prefix,
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var logs = new CapturedLogs();
        builder.Logging.AddProvider(logs);
        builder.AddServiceDatabase<ReceiverDb>("receiver");
        builder.AddConsumers(consumers);
        builder.AddMessaging();
        var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ReceiverDb>().Database.EnsureCreatedAsync();
        await host.StartAsync();
        return new ReceiverHost(host, queues.SelectMany(q => new[] { q, q + "_error", q + "_skipped" }).ToArray()) { Logs = logs };
    }

    public async Task<T> QueryAsync<T>(Func<ReceiverDb, Task<T>> query)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ReceiverDb>());
    }

    /// <summary>Polls until <paramref name="done"/> holds or the timeout passes; returns whether it held.</summary>
    public async Task<bool> WaitUntilAsync(Func<ReceiverDb, Task<bool>> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await QueryAsync(done)) return true;
            await Task.Delay(200);
        }
        return await QueryAsync(done);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await TestRabbitMq.DeleteQueuesAsync(_queues);
    }
}
