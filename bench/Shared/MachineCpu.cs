using System.Globalization;

namespace Governance.Bench;

/// <summary>
/// CPU time this machine spends busy, whole and by part (this process; PostgreSQL; RabbitMQ's Erlang
/// VM), from <c>/proc</c>. Per event it says what a path costs the machine, which a throughput figure
/// on a machine of two cores shared by all three cannot tell apart from waiting. Shared by the benchmarks (linked into
/// each project that uses it).
/// </summary>
public static class MachineCpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>Busy seconds since boot: the machine's, this process's, PostgreSQL's and RabbitMQ's.</summary>
    public static Sample Now()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Field(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
        var machine = (Field(1) + Field(2) + Field(3) + Field(6) + Field(7)) / TicksPerSecond;
        double self = 0, postgres = 0, rabbitmq = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
            var busy = Busy(stat);
            if (pid == Environment.ProcessId) self += busy;
            else if (name.StartsWith("postgres", StringComparison.Ordinal)) postgres += busy;
            else if (name.StartsWith("beam", StringComparison.Ordinal) || name.StartsWith("erl", StringComparison.Ordinal)) rabbitmq += busy;
        }
        return new Sample(machine, self, postgres, rabbitmq);
    }

    /// <summary>
    /// Busy seconds of the given processes since they started (0 for one that has ended): e.g. the PostgreSQL backends of
    /// one database, which on a server shared with other sessions are the part a bench's work costs it.
    /// </summary>
    public static double ProcessSeconds(IEnumerable<int> pids)
    {
        double busy = 0;
        foreach (var pid in pids)
        {
            string stat;
            try { stat = File.ReadAllText($"/proc/{pid}/stat"); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            busy += Busy(stat);
        }
        return busy;
    }

    private static double Busy(string stat)
    {
        var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <summary>Busy seconds: the whole machine, and the parts of it.</summary>
    public readonly record struct Sample(double Machine, double Self, double Postgres, double RabbitMq)
    {
        public static Sample operator -(Sample a, Sample b) =>
            new(a.Machine - b.Machine, a.Self - b.Self, a.Postgres - b.Postgres, a.RabbitMq - b.RabbitMq);
    }
}
