using System.Diagnostics;
using Governance.Assessment;
using Governance.Assessment.Data;
using Governance.Assessment.Events;
using Governance.Assessment.Replay;
using Governance.Contracts.Grid;
using Governance.Contracts.Mediation;
using Governance.Testing.Hosting;
using Microsoft.Extensions.DependencyInjection;

// bench/run-assessment-replay.sh [events=200000] [runs=2]
// Fills assessment_events in PostgreSQL with a synthetic county's work (incidents: dispatch, close, evaluation; disputes:
// registration, settlement), then times POST /replay's work (Replayer) over it: events folded per second.
var events = args.Length > 0 ? int.Parse(args[0]) : 200_000;
var runs = args.Length > 1 ? int.Parse(args[1]) : 2;
var service = new ServiceUnderTest("assessment", b => b.AddAssessmentService(), a => a.MapAssessmentService());
await using var host = await ServiceTestHost<AssessmentDb>.StartAsync(service, new ServiceTestHostOptions { RealClock = true });

var random = new Random(13);
var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
var departments = Enumerable.Range(0, 58).Select(_ => Guid.NewGuid().ToString()).ToArray();
IEnumerable<object> Work()
{
    for (var i = 0; ; i++)
    {
        var at = start.AddSeconds(random.Next(0, 365 * 86400));
        var org = $"632801/{random.Next(1, 4):000}/{random.Next(1, 5):000}/{random.Next(1, 25):000}";
        if (i % 5 < 3)
        {
            var id = Guid.NewGuid();
            var number = $"I{i}";
            var department = departments[random.Next(departments.Length)];
            yield return new IncidentDispatched(id, number, department, "sanitation", "normal", org, at.AddHours(4), 0, at);
            yield return new IncidentClosed(id, number, org, department, random.Next(10) < 8, random.Next(3) == 0 ? 1 : 0, random.Next(5) == 0 ? 1 : 0, at.AddDays(2));
            yield return new IncidentEvaluated(id, number, org, random.Next(1, 6), "", at.AddDays(3));
        }
        else
        {
            var id = Guid.NewGuid();
            yield return new DisputeRegistered(id, $"C{i}", "hotline", "neighbour", "ordinary", "grid", org, null, at);
            yield return new DisputeSettled(id, $"C{i}", random.Next(2) == 0 ? "grid" : "community", false, null, org, at.AddDays(5));
        }
    }
}

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
