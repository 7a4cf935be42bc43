using System.Collections.Concurrent;
using System.Threading.Channels;
using Governance.ServiceDefaults.Auth;
using Governance.VideoAlert.Alerts;

namespace Governance.VideoAlert.Grpc;

/// <summary>
/// Hands each alert change this replica receives from the bus (<see cref="AlertWatchConsumer"/>) to the watches open on
/// it whose filter it matches: an org subtree (already checked against the watcher's alert.read reach when the watch
/// opened) or a department. Each watch has its own bounded channel: a watcher that falls <see cref="Capacity"/> changes
/// behind is ended (it reopens and catches up with ListAlerts) rather than slowing the consumer down or silently
/// losing a change.
/// </summary>
public sealed class AlertFanOut
{
    public const int Capacity = 256;

    private readonly ConcurrentDictionary<Subscription, byte> _open = new();

    /// <summary>Watches opened and not yet closed, for tests and metrics.</summary>
    public int Open => _open.Count;

    /// <summary>A watch of the alerts within <paramref name="org"/>.</summary>
    public Subscription SubscribeOrg(OrgPath org) => Add(new Subscription(this, org, null));

    /// <summary>A watch of the alerts routed to <paramref name="department"/>.</summary>
    public Subscription SubscribeDepartment(string department) => Add(new Subscription(this, null, department));

    /// <summary>Offers the alert, as the replica read it after <paramref name="change"/>, to every watch it matches.</summary>
    public void Publish(Alert alert, string change)
    {
        if (_open.IsEmpty) return;
        var org = OrgPath.TryParse(alert.OrgPath, out var path) ? path : null;
        foreach (var subscription in _open.Keys)
            if (subscription.Matches(alert, org)) subscription.Offer(new AlertChange(alert, change));
    }

    private Subscription Add(Subscription subscription)
    {
        _open.TryAdd(subscription, 0);
        return subscription;
    }

    /// <summary>One open watch: its changes in order, until it is disposed or overflows.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly AlertFanOut _owner;
        private readonly OrgPath? _org;
        private readonly string? _department;
        private readonly Channel<AlertChange> _channel = Channel.CreateBounded<AlertChange>(
            new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

        internal Subscription(AlertFanOut owner, OrgPath? org, string? department) => (_owner, _org, _department) = (owner, org, department);

        public ChannelReader<AlertChange> Reader => _channel.Reader;

        internal bool Matches(Alert alert, OrgPath? org) =>
            _org is not null ? org is not null && org.IsWithin(_org) : alert.Department is not null && alert.Department == _department;

        internal void Offer(AlertChange change)
        {
            if (_channel.Writer.TryWrite(change)) return;
            // Full (or already completed): end this watch with the reason instead of dropping a change.
            if (_channel.Writer.TryComplete(new AlertWatchOverflowException())) _owner._open.TryRemove(this, out _);
        }

        public void Dispose()
        {
            _owner._open.TryRemove(this, out _);
            _channel.Writer.TryComplete();
        }
    }
}

/// <summary>An alert as a replica read it after one of its events: raised, routed or acknowledged.</summary>
public sealed record AlertChange(Alert Alert, string Change);

/// <summary>A watch fell <see cref="AlertFanOut.Capacity"/> changes behind and was ended.</summary>
public sealed class AlertWatchOverflowException()
    : Exception($"The watch fell more than {AlertFanOut.Capacity} alert changes behind; open it again.");
