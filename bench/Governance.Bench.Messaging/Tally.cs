using System.Collections.Concurrent;

namespace Governance.Bench.Messaging;

/// <summary>What the consumers saw in the current run: how many, when the last came, and each event's lag.</summary>
public sealed class Tally
{
    private readonly ConcurrentBag<double> _lagsMs = [];
    private readonly ConcurrentDictionary<long, byte> _seen = new();
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _run = "";
    private long _expected;

    public void Reset(string run, long expected)
    {
        _lagsMs.Clear();
        _seen.Clear();
        _run = run;
        _expected = expected;
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Record(string run, long no, DateTime writtenAt)
    {
        if (run != _run || !_seen.TryAdd(no, 0)) return;
        _lagsMs.Add((DateTime.UtcNow - writtenAt).TotalMilliseconds);
        if (_seen.Count >= _expected) _done.TrySetResult();
    }

    public Task AllReceived(TimeSpan timeout) => _done.Task.WaitAsync(timeout);

    public double LagPercentile(double p)
    {
        var sorted = _lagsMs.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
