using System.Globalization;
using Governance.Bench;
using Governance.Bench.Messaging;
using Npgsql;

// Durable events per second (outbox → RabbitMQ with confirms → consumer with inbox, on PostgreSQL)
// beside raw MassTransit publish → consume, alternating in one run so that a noisy machine hurts
// both alike; then each path's event lag at a steady 1,000 events/s.
// Needs PostgreSQL and RabbitMQ on 127.0.0.1 (bench/run-messaging.sh starts them).
var events = ArgInt("--events", 10_000);
var rounds = ArgInt("--rounds", 3);
var rate = ArgInt("--rate", 1_000);
var lagSeconds = ArgInt("--lag-seconds", 10);
var server = Environment.GetEnvironmentVariable("GOVERNANCE_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";
var rabbitmq = Environment.GetEnvironmentVariable("GOVERNANCE_TEST_RABBITMQ") ?? "amqp://guest:guest@127.0.0.1:5672/";

var database = "bench_" + Guid.NewGuid().ToString("n")[..12];
await Sql(server, $"CREATE DATABASE \"{database}\"");
try
{
    var tally = new Tally();
    await using var paths = new Paths(new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString, rabbitmq, tally);
    // Warm-up: the hosts start, the JIT, connection pools, queue and exchange declarations.
    await paths.RawAsync("warm-raw", 5_000);
    await paths.DurableAsync("warm-durable", 5_000);
    await paths.DurableAsync("warm-outbox", 5_000, inbox: false);

    Console.WriteLine($"throughput, {events:N0} events per run, {rounds} rounds alternating (events/s; machine CPU per event in µs: this process, PostgreSQL, RabbitMQ):");
    var raw = new List<Run>();
    var durable = new List<Run>();
    var outboxOnly = new List<Run>();
    for (var round = 1; round <= rounds; round++)
    {
        raw.Add(await Measure(() => paths.RawAsync($"raw-{round}", events)));
        durable.Add(await Measure(() => paths.DurableAsync($"durable-{round}", events)));
        outboxOnly.Add(await Measure(() => paths.DurableAsync($"outbox-{round}", events, inbox: false)));
        Console.WriteLine($"  round {round}: raw {raw[^1]}   durable {durable[^1]}   ratio {durable[^1].PerSecond / raw[^1].PerSecond,4:P0}   (outbox without inbox {outboxOnly[^1]})");
    }
    var (rawMedian, durableMedian, outboxMedian) = (Median(raw), Median(durable), Median(outboxOnly));
    Console.WriteLine($"  median:  raw {rawMedian}   durable {durableMedian}   ratio {durableMedian.PerSecond / rawMedian.PerSecond,4:P0}   (outbox without inbox {outboxMedian})  aim: 80% or more");

    var lagEvents = rate * lagSeconds;
    Console.WriteLine($"lag at {rate:N0} events/s for {lagSeconds} s (ms, write to consume):");
    await paths.RawAsync("lag-raw", lagEvents, rate);
    Console.WriteLine($"  raw:     p50 {tally.LagPercentile(0.50),7:N1}   p99 {tally.LagPercentile(0.99),7:N1}   max {tally.LagPercentile(1),7:N1}");
    await paths.DurableAsync("lag-durable", lagEvents, rate);
    Console.WriteLine($"  durable: p50 {tally.LagPercentile(0.50),7:N1}   p99 {tally.LagPercentile(0.99),7:N1}   max {tally.LagPercentile(1),7:N1}  (aim: p99 under 250)");
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await Sql(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
}
return 0;

int ArgInt(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

Run Median(List<Run> runs) => new(
    runs.Select(r => r.PerSecond).Order().ElementAt(runs.Count / 2),
    runs.OrderBy(r => r.Cpu.Machine).ElementAt(runs.Count / 2).Cpu);

async Task<Run> Measure(Func<Task<TimeSpan>> run)
{
    var before = MachineCpu.Now();
    var elapsed = await run();
    var used = MachineCpu.Now() - before;
    return new Run(events / elapsed.TotalSeconds, new MachineCpu.Sample(
        used.Machine * 1e6 / events, used.Self * 1e6 / events, used.Postgres * 1e6 / events, used.RabbitMq * 1e6 / events));
}

static async Task Sql(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

/// <summary>One run: events per second, and busy CPU time per event in µs (machine = .NET + PostgreSQL + RabbitMQ + the rest).</summary>
internal sealed record Run(double PerSecond, MachineCpu.Sample Cpu)
{
    public override string ToString() =>
        $"{PerSecond,6:N0}/s {Cpu.Machine,4:N0}µs(.net {Cpu.Self:N0} pg {Cpu.Postgres:N0} mq {Cpu.RabbitMq:N0})";
}
