using Governance.Contracts.Grid;
using Governance.Contracts.Mediation;

namespace Governance.Bench.Assessment;

/// <summary>
/// A synthetic county's work as grid and mediation publish it, endlessly: three incidents in five (dispatched, closed,
/// evaluated; 58 member departments) and two disputes (registered with the grid's deadline, settled). Shared by the replay
/// and live benches.
/// </summary>
internal static class SyntheticCounty
{
    public static IEnumerable<object> Work(int seed, DateTime start, bool spreadOverAYear = true)
    {
        var random = new Random(seed);
        var departments = Enumerable.Range(0, 58).Select(_ => Guid.NewGuid().ToString()).ToArray();
        for (var i = 0; ; i++)
        {
            var at = spreadOverAYear ? start.AddSeconds(random.Next(0, 365 * 86400)) : start;
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
                yield return new DisputeRegistered(id, $"C{i}", "hotline", "neighbour", "ordinary", "grid", org, null, at, at.AddDays(3));
                yield return new DisputeSettled(id, $"C{i}", random.Next(2) == 0 ? "grid" : "community", false, null, org, at.AddDays(5));
            }
        }
    }
}
