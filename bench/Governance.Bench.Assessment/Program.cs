using System.Diagnostics;
using Governance.Assessment;
using Governance.Assessment.Data;
using Governance.Assessment.Events;
using Governance.Assessment.Replay;
using Governance.Testing.Hosting;
using Microsoft.Extensions.DependencyInjection;

// bench/run-assessment-replay.sh [events=200000] [runs=2]; bench/run-assessment-live.sh runs LiveBench (args "live ...") and
// LiveBench its publisher process (args "publish ...").
if (args.Length > 0 && args[0] == "live") return await Governance.Bench.Assessment.LiveBench.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "publish") return await Governance.Bench.Assessment.LivePublisher.RunAsync(args[1..]);
// Fills assessment_events in PostgreSQL with a synthetic county's work (incidents: dispatch, close, evaluation; disputes:
// registration, settlement), then times POST /replay's work (Replayer) over it: events folded per second.
var events = args.Length > 0 ? int.Parse(args[0]) : 200_000;
var runs = args.Length > 1 ? int.Parse(args[1]) : 2;
var service = new ServiceUnderTest("assessment", b => b.AddAssessmentService(), a => a.MapAssessmentService());
await using var host = await ServiceTestHost<AssessmentDb>.StartAsync(service, new ServiceTestHostOptions { RealClock = true });

IEnumerable<object> Work() => Governance.Bench.Assessment.SyntheticCounty.Work(13, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));

var load = Stopwatch.StartNew();
foreach (var chunk in Work().Take(events).Chunk(5_000))
{
    await using var scope = host.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<AssessmentDb>();
    db.Events.AddRange(chunk.Select(e => EventTypes.ToLog(e, Guid.NewGuid(), DateTime.UtcNow)));
    await db.SaveChangesAsync();
}
Console.WriteLine($"loaded {events:N0} events into assessment_events in {load.Elapsed.TotalSeconds:F1} s");

for (var run = 1; run <= runs; run++)
{
    await using var scope = host.Services.CreateAsyncScope();
    var result = await scope.ServiceProvider.GetRequiredService<Replayer>().ReplayAsync(CancellationToken.None);
    Console.WriteLine($"replay {run}: {result.Events:N0} events in {result.ElapsedMs / 1000.0:F1} s = {result.Events * 1000.0 / result.ElapsedMs:F0} events/s " +
        $"({result.Incidents:N0} incidents, {result.Disputes:N0} disputes)");
}
return 0;
