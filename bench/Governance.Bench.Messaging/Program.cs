using System.Globalization;
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
    var paths = new Paths(new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString, rabbitmq, new Tally());
    // Warm-up: JIT, connection pools, queue and exchange declarations.
    await paths.RawAsync("warm-raw", 5_000);
    await paths.DurableAsync("warm-durable", 5_000);
    await paths.DurableAsync("warm-outbox", 5_000, inbox: false);

    Console.WriteLine($"throughput, {events:N0} events per run, {rounds} rounds alternating (events/s):");
    var raw = new List<double>();
    var durable = new List<double>();
    var outboxOnly = new List<double>();
    for (var round = 1; round <= rounds; round++)
    {
        raw.Add(events / (await paths.RawAsync($"raw-{round}", events)).TotalSeconds);
        durable.Add(events / (await paths.DurableAsync($"durable-{round}", events)).TotalSeconds);
        outboxOnly.Add(events / (await paths.DurableAsync($"outbox-{round}", events, inbox: false)).TotalSeconds);
        Console.WriteLine($"  round {round}: raw {raw[^1],8:N0}   durable {durable[^1],8:N0}   ratio {durable[^1] / raw[^1],4:P0}   (outbox without inbox {outboxOnly[^1],8:N0})");
    }
    Console.WriteLine($"  median:  raw {Median(raw),8:N0}   durable {Median(durable),8:N0}   ratio {Median(durable) / Median(raw),4:P0}   (outbox without inbox {Median(outboxOnly),8:N0})  aim: 80% or more");

    var lagEvents = rate * lagSeconds;
    Console.WriteLine($"lag at {rate:N0} events/s for {lagSeconds} s (ms, write to consume):");
    var tally = new Tally();
    var lagPaths = new Paths(new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString, rabbitmq, tally);
    await lagPaths.RawAsync("lag-raw", lagEvents, rate);
    Console.WriteLine($"  raw:     p50 {tally.LagPercentile(0.50),7:N1}   p99 {tally.LagPercentile(0.99),7:N1}   max {tally.LagPercentile(1),7:N1}");
    await lagPaths.DurableAsync("lag-durable", lagEvents, rate);
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

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static async Task Sql(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}
