using System.Diagnostics;
using System.Globalization;
using Governance.Messaging.Bus;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Governance.Bench.Assessment;

/// <summary>
/// The live bench's publisher, in a process of its own (<see cref="Start"/> runs this executable with <c>publish</c>), as
/// grid's and mediation's outboxes are in theirs: its CPU is not the service's, and the service's is not its limit. It
/// publishes the synthetic county on a bus built as every service's is (<see cref="MessagingExtensions.AddMessaging"/>:
/// MassTransit's envelope, its exchange per message type, publisher confirms), each event with a message id of its own,
/// either as fast as the broker confirms (<c>rate</c> 0, a backlog) or at a steady rate (a tick every 10 ms, publishes
/// not waiting for the previous tick's confirms). It writes each event's message id and the monotonic clock's reading as
/// it was published to a file, which the bench joins with the times it saw each fold commit.
/// </summary>
internal static class LivePublisher
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    // Publishes in flight at once: enough for the broker's confirms to come batched, few enough to bound memory.
    private const int InFlight = 1_000;

    private const int Buses = 16;

    /// <summary>In the child: <c>publish rabbitmq seed count rate file</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var (rabbitmq, seed, count, rate, file) = (args[0], int.Parse(args[1], CultureInfo.InvariantCulture),
            int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture), args[4]);
        // MassTransit waits for each publish's confirm before the channel's next publish (about 270 a second per bus on
        // the shared test machine, whatever the CPU): a bus per publisher connection, and the events dealt round them.
        var hosts = new IHost[Buses];
        for (var b = 0; b < Buses; b++)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:rabbitmq"] = rabbitmq,
                ["Messaging:ServiceName"] = "bench-assessment-publisher",
            });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.AddMessaging();
            hosts[b] = builder.Build();
        }
        await Task.WhenAll(hosts.Select(h => h.StartAsync()));
        var buses = hosts.Select(h => h.Services.GetRequiredService<IBus>()).ToArray();

        var ids = new Guid[count];
        var times = new long[count];
        using var work = SyntheticCounty.Work(seed, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)).GetEnumerator();
        using var slots = new SemaphoreSlim(InFlight);
        var sends = new List<Task>(count);
        async Task PublishAsync(int i)
        {
            work.MoveNext();
            var (message, id) = (work.Current, Guid.NewGuid());
            ids[i] = id;
            await slots.WaitAsync();
            times[i] = Stopwatch.GetTimestamp();
            sends.Add(Confirmed(buses[i % Buses].Publish(message, ctx => ctx.MessageId = id)));
        }
        async Task Confirmed(Task publish)
        {
            try { await publish; }
            finally { slots.Release(); }
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        if (rate <= 0)
        {
            for (var i = 0; i < count; i++) await PublishAsync(i);
        }
        else
        {
            var perTick = rate * Tick.TotalSeconds;
            var due = 0.0;
            var sent = 0;
            while (sent < count)
            {
                due += perTick;
                var now = (int)Math.Min(count - sent, Math.Floor(due) - sent);
                for (var k = 0; k < now; k++) await PublishAsync(sent + k);
                sent += Math.Max(now, 0);
                var next = TimeSpan.FromTicks(Tick.Ticks * (long)Math.Round(due / perTick)) - clock.Elapsed;
                if (next > TimeSpan.Zero) await Task.Delay(next);
            }
        }
        await Task.WhenAll(sends);
        var elapsed = clock.Elapsed;
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;

        await using (var output = new BinaryWriter(File.Create(file)))
            for (var i = 0; i < count; i++)
            {
                output.Write(ids[i].ToByteArray());
                output.Write(times[i]);
            }
        await Task.WhenAll(hosts.Select(h => h.StopAsync()));
        foreach (var h in hosts) h.Dispose();
        // The parent reads this one line: seconds publishing (to the last confirm) and this process's CPU milliseconds.
        Console.WriteLine(FormattableString.Invariant($"{elapsed.TotalSeconds:R} {cpuMs:R}"));
        return 0;
    }

    /// <summary>Starts the publisher process (this executable with <c>publish</c>).</summary>
    public static Remote Start(string rabbitmq, int seed, int count, int rate)
    {
        // This executable, or `dotnet` with this assembly when started without an apphost.
        var self = Environment.ProcessPath!;
        var file = Path.Combine(Path.GetTempPath(), $"bench-assessment-published-{Guid.NewGuid():n}.bin");
        string[] arguments = ["publish", rabbitmq, seed.ToString(CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture),
            rate.ToString(CultureInfo.InvariantCulture), file];
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") arguments = [typeof(LivePublisher).Assembly.Location, .. arguments];
        var process = Process.Start(new ProcessStartInfo(self, arguments) { RedirectStandardOutput = true, UseShellExecute = false })!;
        return new Remote(process, file, count);
    }

    /// <summary>The publisher process: what it published, once it has finished.</summary>
    public sealed class Remote(Process process, string file, int count) : IDisposable
    {
        /// <summary>Each message id with the monotonic clock's reading when it was published, the seconds taken and the publisher's CPU.</summary>
        public async Task<(Dictionary<Guid, long> Published, double Seconds, double CpuMs)> FinishedAsync()
        {
            var line = await process.StandardOutput.ReadLineAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0 || line is null) throw new InvalidOperationException($"The publisher process failed (exit code {process.ExitCode}).");
            var figures = line.Split(' ').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            var published = new Dictionary<Guid, long>(count);
            using (var input = new BinaryReader(File.OpenRead(file)))
                for (var i = 0; i < count; i++) published[new Guid(input.ReadBytes(16))] = input.ReadInt64();
            return (published, figures[0], figures[1]);
        }

        public void Dispose()
        {
            if (!process.HasExited) process.Kill();
            process.Dispose();
            File.Delete(file);
        }
    }
}
