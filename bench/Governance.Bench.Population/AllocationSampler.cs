using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Governance.Bench.Population;

/// <summary>
/// <c>--allocations</c>: which types the service's process allocates during the look-ups, from the runtime's own
/// allocation sampling (an <c>AllocationTick</c> event about every 100 KB allocated, naming the type that crossed the
/// mark), so each type's share of the samples is its share of the bytes. Stack-free, so cheap enough to run with the
/// rounds; a profile with stacks is dotnet-trace's <c>gc-verbose</c>.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _samples = new();
    private volatile bool _recording;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_recording || e.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames is null) return;
        var type = e.Payload?[e.PayloadNames.IndexOf("TypeName")] as string ?? "?";
        _samples.AddOrUpdate(type, 1, (_, n) => n + 1);
    }

    public void Start()
    {
        _samples.Clear();
        _recording = true;
    }

    /// <summary>The top types by samples since <see cref="Start"/>, with their share.</summary>
    public string Stop(int top = 25)
    {
        _recording = false;
        var total = Math.Max(1, _samples.Values.Sum());
        return string.Join(Environment.NewLine, _samples.OrderByDescending(p => p.Value).Take(top)
            .Select(p => $"    {100.0 * p.Value / total,5:F1} %  {p.Key}")) + Environment.NewLine + $"    ({total} samples)";
    }
}
