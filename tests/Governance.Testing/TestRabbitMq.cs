using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Governance.Testing;

/// <summary>The real RabbitMQ the test script started: its address, its queues, and stopping it for outage tests.</summary>
public static class TestRabbitMq
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("GOVERNANCE_TEST_RABBITMQ") ?? "amqp://guest:guest@127.0.0.1:5672/";

    /// <summary>Messages ready in <paramref name="queue"/>, or -1 when it does not exist.</summary>
    public static async Task<long> MessageCountAsync(string queue)
    {
        await using var connection = await Connect();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (OperationInterruptedException)
        {
            return -1;
        }
    }

    /// <summary>Deletes queues a test declared, so that durable leftovers do not pile up messages.</summary>
    public static Task DeleteQueuesAsync(params string[] queues) => DeleteAsync(queues, exchangesToo: false);

    /// <summary>
    /// Deletes every queue of a test host, and the exchange MassTransit declares beside each: those named after its
    /// <c>Messaging:ServiceName</c> (its consumers' queues, their <c>_error</c> and <c>_skipped</c>), as the broker lists
    /// them. A list written in the test goes stale as the service gains consumers, and a queue left behind stays bound:
    /// it collects every later event of the run. An exchange left behind stays bound too: every later message of its
    /// type is routed through it to nowhere (a local broker held 14,000 of them after a few weeks of runs, at 2.3 ms of
    /// broker CPU a message, and a suite run leaves about 1,900).
    /// </summary>
    public static async Task DeleteQueuesOfAsync(string serviceName)
    {
        var names = (await RabbitMqCtl("list_queues", "--no-table-headers", "name")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Trim()).Where(n => n.StartsWith(serviceName + "-", StringComparison.Ordinal)).ToArray();
        await DeleteAsync(names, exchangesToo: true);
    }

    private static async Task DeleteAsync(string[] queues, bool exchangesToo)
    {
        await using var connection = await Connect();
        foreach (var queue in queues)
        {
            // A refusal closes its channel: one channel a deletion.
            await using (var channel = await connection.CreateChannelAsync())
                try { await channel.QueueDeleteAsync(queue); } catch (OperationInterruptedException) { }
            if (!exchangesToo) continue;
            // The receive endpoint's exchange has its queue's name.
            await using (var channel = await connection.CreateChannelAsync())
                try { await channel.ExchangeDeleteAsync(queue); } catch (OperationInterruptedException) { }
        }
    }

    /// <summary>
    /// A virtual host of its own on the broker, for a benchmark or a test host that must see no other host's events: its exchanges, queues and bindings are apart from those the
    /// test runs on the shared broker leave behind (every message type's exchange there is bound to hundreds of exchanges
    /// left by earlier runs, which the broker routes each message through), and deleting it removes all of them. Answers the
    /// connection string to it; <see cref="DeleteVirtualHostAsync"/> deletes it.
    /// </summary>
    public static async Task<string> CreateVirtualHostAsync(string name)
    {
        var server = new Uri(ConnectionString);
        var user = Uri.UnescapeDataString(server.UserInfo.Split(':')[0]);
        await RabbitMqCtl("add_vhost", name);
        await RabbitMqCtl("set_permissions", "-p", name, user, ".*", ".*", ".*");
        return new UriBuilder(server) { Path = "/" + Uri.EscapeDataString(name) }.Uri.ToString();
    }

    /// <summary>Deletes a virtual host made by <see cref="CreateVirtualHostAsync"/>, with everything in it.</summary>
    public static Task DeleteVirtualHostAsync(string name) => RabbitMqCtl("delete_vhost", name);

    /// <summary>The type of <paramref name="queue"/> as the broker reports it (classic, quorum), or null when it does not exist.</summary>
    public static async Task<string?> QueueTypeAsync(string queue)
    {
        var lines = (await RabbitMqCtl("list_queues", "--no-table-headers", "name", "type")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Select(l => l.Split('\t')).Where(f => f.Length == 2 && f[0] == queue).Select(f => f[1].Trim()).FirstOrDefault();
    }

    /// <summary>Stops the broker application (every connection drops; the node stays to start it again).</summary>
    public static Task StopAsync() => RabbitMqCtl("stop_app");

    /// <summary>Starts the broker application again and waits until it accepts connections.</summary>
    public static async Task StartAsync()
    {
        await RabbitMqCtl("start_app");
        await RabbitMqCtl("await_startup");
    }

    private static Task<IConnection> Connect() =>
        new ConnectionFactory { Uri = new Uri(ConnectionString) }.CreateConnectionAsync();

    /// <summary>
    /// The node rabbitmqctl must address: <c>RABBITMQ_NODENAME</c> when set (a private node beside the
    /// shared one, e.g. <c>rabbitmsg@localhost</c> on port 5673), rabbitmqctl's default otherwise.
    /// </summary>
    public static string? NodeName => Environment.GetEnvironmentVariable("RABBITMQ_NODENAME") is { Length: > 0 } node ? node : null;

    private static async Task<string> RabbitMqCtl(params string[] command)
    {
        // A broker on another port than 5672 is a private node: without its name, rabbitmqctl would
        // address (and stop) the default node that other test runs share.
        if (NodeName is null && new Uri(ConnectionString).Port is not (5672 or -1))
            throw new InvalidOperationException(
                $"GOVERNANCE_TEST_RABBITMQ ({new Uri(ConnectionString).Port}) is not the default node's port: set RABBITMQ_NODENAME to the node that serves it.");
        string[] node = NodeName is null ? [] : ["-n", NodeName];
        var info = new ProcessStartInfo("rabbitmqctl", ["-q", .. node, .. command]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("rabbitmqctl did not start");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        // rabbitmqctl waits out its own timeouts on an unreachable node; a test fails instead of hanging.
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try { await process.WaitForExitAsync(bound.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"rabbitmqctl {string.Join(' ', command)} did not finish within 2 minutes");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', command)} exited {process.ExitCode}: {await error}");
        return await output;
    }
}
