using System.Collections.Concurrent;
using System.Threading.Channels;
using Governance.Contracts.Grid;

namespace Governance.Grid.Grpc;

/// <summary>
/// Hands each <see cref="IncidentDispatched"/> this replica receives from the bus to the watches open
/// on it for the departments it names (the lead and the assisting ones). Each watch has its own bounded channel: a watcher that falls
/// <see cref="Capacity"/> dispatches behind is ended (it reopens and starts again from what is
/// dispatched) rather than slowing the consumer down or silently losing a dispatch.
/// </summary>
public sealed class DispatchFanOut
{
    public const int Capacity = 256;

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Subscription, byte>> _byDepartment = new(StringComparer.Ordinal);

    /// <summary>Watches opened and not yet closed, for tests and metrics.</summary>
    public int Open => _byDepartment.Values.Sum(s => s.Count);

    public Subscription Subscribe(string department)
    {
        var subscription = new Subscription(this, department);
        _byDepartment.GetOrAdd(department, _ => new()).TryAdd(subscription, 0);
        return subscription;
    }

    /// <summary>Offers the dispatch to the watches of its lead department and of each assisting one.</summary>
    public void Publish(IncidentDispatched dispatched)
    {
        foreach (var department in (dispatched.AssistingDepartmentIds ?? []).Prepend(dispatched.DepartmentId).Distinct(StringComparer.Ordinal))
        {
            if (!_byDepartment.TryGetValue(department, out var subscriptions)) continue;
            foreach (var subscription in subscriptions.Keys) subscription.Offer(dispatched);
        }
    }

    private void Remove(Subscription subscription)
    {
        if (_byDepartment.TryGetValue(subscription.Department, out var subscriptions)) subscriptions.TryRemove(subscription, out _);
    }

    /// <summary>One open watch: its dispatches in order, until it is disposed or overflows.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly DispatchFanOut _owner;
        private readonly Channel<IncidentDispatched> _channel = Channel.CreateBounded<IncidentDispatched>(
            new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

        internal Subscription(DispatchFanOut owner, string department) => (_owner, Department) = (owner, department);

        public string Department { get; }
        public ChannelReader<IncidentDispatched> Reader => _channel.Reader;

        internal void Offer(IncidentDispatched dispatched)
        {
            if (_channel.Writer.TryWrite(dispatched)) return;
            // Full (or already completed): end this watch with the reason instead of dropping a dispatch.
            if (_channel.Writer.TryComplete(new WatchOverflowException(Department))) _owner.Remove(this);
        }

        public void Dispose()
        {
            _owner.Remove(this);
            _channel.Writer.TryComplete();
        }
    }
}

/// <summary>A watch fell <see cref="DispatchFanOut.Capacity"/> dispatches behind and was ended.</summary>
public sealed class WatchOverflowException(string department)
    : Exception($"The watch fell more than {DispatchFanOut.Capacity} dispatches behind for department {department}; open it again.");
