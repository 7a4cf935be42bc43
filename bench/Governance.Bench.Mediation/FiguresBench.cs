using System.Diagnostics;
using Governance.Mediation.Data;
using Governance.Mediation.Figures;
using Governance.ServiceDefaults.Auth;
using Governance.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Governance.Bench.Mediation;

/// <summary>
/// Time to compute the figures over N synthetic cases in PostgreSQL: one county, 5 streets × 6
/// communities × 5 grids, 24 months, outcomes and levels in field-like shares; bulk-loaded by binary
/// COPY, analysed, then each query shape timed over several runs (the first run of each is printed apart).
/// </summary>
internal static class FiguresBench
{
    private static readonly string[] Levels = ["Grid", "Community", "Street", "County"];

    public static async Task<int> RunAsync(string[] args)
    {
        var n = args.Length > 0 ? int.Parse(args[0]) : 100_000;
        var runs = args.Length > 1 ? int.Parse(args[1]) : 5;
        await using var database = await TestPostgres.CreateAsync();
        var options = new DbContextOptionsBuilder<MediationDb>().UseNpgsql(database.ConnectionString).Options;
        await using (var db = new MediationDb(options)) await db.Database.EnsureCreatedAsync();
        var load = Stopwatch.StartNew();
        await CopyAsync(database.ConnectionString, n);
        Console.WriteLine($"mediation figures: PostgreSQL, {Environment.ProcessorCount} cores; {n:N0} cases loaded by COPY in {load.ElapsedMilliseconds} ms");

        var now = new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);
        var shapes = new (string Name, string Org, DateTime? From, DateTime? To, FiguresGrouping By)[]
        {
            ("county total", "632801", null, null, FiguresGrouping.None),
            ("county by street", "632801", null, null, FiguresGrouping.Org),
            ("county by month", "632801", null, null, FiguresGrouping.Month),
            ("county, one year", "632801", new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), FiguresGrouping.None),
            ("street by community", "632801/003", null, null, FiguresGrouping.Org),
        };
        foreach (var shape in shapes)
        {
            var times = new List<double>();
            CaseFigures total = null!;
            for (var r = 0; r <= runs; r++)
            {
                await using var db = new MediationDb(options);
                var query = new FiguresQuery(db, new FixedClock(now));
                var clock = Stopwatch.StartNew();
                (total, var _) = await query.ComputeAsync(OrgPath.Parse(shape.Org), shape.From, shape.To, shape.By, CancellationToken.None);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            var warm = times.Skip(1).Order().ToList();
            Console.WriteLine($"{shape.Name,-20} {total.Registered,7:N0} cases: first {times[0],6:F1} ms; then median {warm[warm.Count / 2],6:F1} ms, " +
                $"min {warm[0],6:F1}, max {warm[^1],6:F1} ({runs} runs; success {total.SuccessRate:P1}, median {total.MedianDaysToSettle} days)");
        }
        return 0;
    }

    private static async Task CopyAsync(string connectionString, int n)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var random = new Random(42);
        var start = new DateTime(2024, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        await using (var copy = await connection.BeginBinaryImportAsync(
            """COPY cases ("Id", "Number", "Name", "OccurredOn", "Place", "OrgPath", "Category", "PeopleInvolved", "Summary", "Risk", "Level", "ResponsibleOrgPath", "State", "Source", "LevelDueAt", "CreatedAt", "UpdatedAt", "SettledAt", "Version") FROM STDIN (FORMAT BINARY)"""))
        {
            for (var i = 0; i < n; i++)
            {
                var org = $"632801/{1 + random.Next(5):D3}/{1 + random.Next(6):D3}/{1 + random.Next(5):D3}";
                var created = start.AddMinutes(random.Next(24 * 30 * 24 * 60));
                var roll = random.NextDouble();
                // About 88% settled (a tenth of them partially), 7% failed, the rest open.
                var (state, settledAt) = roll switch
                {
                    < 0.80 => ("Settled", created.AddHours(1 + random.Next(30 * 24))),
                    < 0.88 => ("PartiallySettled", created.AddHours(1 + random.Next(45 * 24))),
                    < 0.95 => ("Failed", (DateTime?)null),
                    _ => (random.Next(3) switch { 0 => "Registered", 1 => "InMediation", _ => "Referred" }, (DateTime?)null),
                };
                var level = Levels[Math.Min(3, (int)Math.Floor(-Math.Log(1 - random.NextDouble()) * 0.8))];
                await copy.StartRowAsync();
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await copy.WriteAsync($"TJ{created:yyyyMMdd}-{i:D6}", NpgsqlDbType.Varchar);
                await copy.WriteAsync($"纠纷 {i}", NpgsqlDbType.Varchar);
                await copy.WriteAsync(DateOnly.FromDateTime(created), NpgsqlDbType.Date);
                await copy.WriteAsync("某小区", NpgsqlDbType.Varchar);
                await copy.WriteAsync(org, NpgsqlDbType.Varchar);
                await copy.WriteAsync("Neighbour", NpgsqlDbType.Varchar);
                await copy.WriteAsync(2, NpgsqlDbType.Integer);
                await copy.WriteAsync("合成数据", NpgsqlDbType.Varchar);
                await copy.WriteAsync("Ordinary", NpgsqlDbType.Varchar);
                await copy.WriteAsync(level, NpgsqlDbType.Varchar);
                await copy.WriteAsync(org, NpgsqlDbType.Varchar);
                await copy.WriteAsync(state, NpgsqlDbType.Varchar);
                await copy.WriteAsync("Hotline", NpgsqlDbType.Varchar);
                await copy.WriteAsync(created.AddDays(15), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(created, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(settledAt ?? created, NpgsqlDbType.TimestampTz);
                if (settledAt is { } s) await copy.WriteAsync(s, NpgsqlDbType.TimestampTz);
                else await copy.WriteNullAsync();
                await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
            }
            await copy.CompleteAsync();
        }
        await using var analyse = new NpgsqlCommand("ANALYZE cases", connection);
        await analyse.ExecuteNonQueryAsync();
    }

    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
