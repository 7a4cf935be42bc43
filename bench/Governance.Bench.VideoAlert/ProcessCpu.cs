using System.Diagnostics;
using System.Runtime.InteropServices;
using Npgsql;

namespace Governance.Bench.VideoAlert;

/// <summary>
/// CPU time per call of every process an alarm costs: on a shared machine the rates move with other people's load, the
/// CPU an alarm costs does not (much), so it is the figure to compare before and after a change. Counted: this process
/// (service, grid host, in-process clients), the children it waited for (SIPp, wrk), and PostgreSQL's processes read from
/// <c>/proc/&lt;pid&gt;/stat</c>: the backends connected to the bench's own databases, and the server's background
/// processes (WAL writer, checkpointer, background writer, autovacuum; shared with whatever else the server runs, so an
/// upper bound). Backends of other databases (other sessions on a shared server) are left out. 2 cores give 2,000 ms
/// of CPU a second, so 5,000 alarms/s leaves at most 0.4 ms an alarm summed over these.
/// </summary>
internal sealed class ProcessCpu(string postgres, IReadOnlySet<string> databases)
{
    public readonly record struct Split(double Self, double Children, double Backends, double Background)
    {
        public double Total => Self + Children + Backends + Background;
        public static Split operator -(Split a, Split b) => new(a.Self - b.Self, a.Children - b.Children, a.Backends - b.Backends, a.Background - b.Background);
        public Split Per(int calls) => new(Self / calls, Children / calls, Backends / calls, Background / calls);

        public override string ToString() =>
            $"{Total:F3} ms = this process {Self:F3} + SIPp or wrk {Children:F3} + PostgreSQL backends {Backends:F3} + PostgreSQL background {Background:F3}";
    }

    /// <summary>Runs <paramref name="run"/> (which answers calls per second) and answers that with the CPU milliseconds per call of each process.</summary>
    public async Task<(double PerSecond, Split CpuMsPerCall)> PerCallAsync(int calls, Func<Task<double>> run)
    {
        var before = await SampleAsync();
        var perSecond = await run();
        var after = await SampleAsync();
        return (perSecond, (after - before).Per(calls));
    }

    /// <summary>As above, for a run that answers how many calls it made (a timed run).</summary>
    public async Task<(double PerSecond, Split CpuMsPerCall)> PerCallAsync(Func<Task<(int Calls, double PerSecond)>> run)
    {
        var before = await SampleAsync();
        var (calls, perSecond) = await run();
        var after = await SampleAsync();
        return (perSecond, (after - before).Per(calls));
    }

    private async Task<Split> SampleAsync()
    {
        using var self = Process.GetCurrentProcess();
        var children = ChildrenMs();
        double backends = 0, background = 0;
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pid, datname FROM pg_stat_activity WHERE pid <> pg_backend_pid()", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var postmaster = 0;
        while (await reader.ReadAsync())
        {
            var pid = reader.GetInt32(0);
            var database = reader.IsDBNull(1) ? null : reader.GetString(1);
            if (ProcStatMs(pid) is not { } stat) continue;
            postmaster = stat.Parent;
            if (database is null) background += stat.Ms;
            else if (databases.Contains(database)) backends += stat.Ms;
        }
        if (postmaster > 0 && ProcStatMs(postmaster) is { } main) background += main.Ms;
        return new Split(self.TotalProcessorTime.TotalMilliseconds, children, backends, background);
    }

    /// <summary>utime + stime of a process in ms and its parent's pid; null when it is gone.</summary>
    private static (double Ms, int Parent)? ProcStatMs(int pid)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        // Fields after the command name (which may hold spaces), from field 3: state, ppid, …, utime is field 14, stime 15.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return ((long.Parse(fields[11]) + long.Parse(fields[12])) * 1000.0 / ClockTicks, int.Parse(fields[1]));
    }

    private static readonly long ClockTicks = sysconf(2);   // _SC_CLK_TCK

    /// <summary>CPU of the children this process waited for (each SIPp or wrk run), from getrusage(RUSAGE_CHILDREN).</summary>
    private static double ChildrenMs()
    {
        if (getrusage(-1, out var usage) != 0) return 0;
        return (usage.UserSec + usage.SystemSec) * 1000.0 + (usage.UserMicro + usage.SystemMicro) / 1000.0;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSec, UserMicro, SystemSec, SystemMicro;
        private long _maxrss, _ixrss, _idrss, _isrss, _minflt, _majflt, _nswap, _inblock, _oublock, _msgsnd, _msgrcv, _nsignals, _nvcsw, _nivcsw;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, out RUsage usage);

    [DllImport("libc")]
    private static extern long sysconf(int name);
}
