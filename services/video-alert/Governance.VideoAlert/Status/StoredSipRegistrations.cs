using System.Collections.Concurrent;
using System.Net;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Data;
using Governance.VideoAlert.Devices;
using Governance.VideoAlert.Sip;
using Microsoft.EntityFrameworkCore;

namespace Governance.VideoAlert.Status;

/// <summary>
/// SIP registrations stored on the device's own row (camera or platform: registered until, from which address, over
/// which transport, its Contact), so a restarted process or another replica takes a registered device's MESSAGEs at
/// once instead of refusing them until it registers again. The MESSAGE check reads through
/// <see cref="SipRegistrationCache"/>: a registration seen valid is trusted for a few seconds; a refusal is always
/// checked against the database (the device may just have registered with another replica).
/// </summary>
public sealed class StoredSipRegistrations(VideoAlertDb db, SipRegistrationCache cache, TimeProvider clock) : ISipRegistrations
{
    public async Task RegisterAsync(DeviceRegistration registration, CancellationToken cancellationToken)
    {
        var id = registration.DeviceId.Value;
        var from = SipRegistrations.Normalise(registration.Remote.Address);
        var (address, until) = (from.ToString(), registration.Expires.UtcDateTime);
        var transport = registration.Transport.ToString().ToLowerInvariant();
        var contact = registration.Contact is { Length: <= SipRegistrationColumns.ContactLength } c ? c : null;
        var camera = await db.Cameras.Where(x => x.DeviceId == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.RegisteredUntil, until)
            .SetProperty(x => x.RegisteredFrom, address).SetProperty(x => x.RegisteredTransport, transport).SetProperty(x => x.RegisteredContact, contact), cancellationToken);
        if (camera == 0)
            await db.Platforms.Where(x => x.DeviceId == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.RegisteredUntil, until)
                .SetProperty(x => x.RegisteredFrom, address).SetProperty(x => x.RegisteredTransport, transport).SetProperty(x => x.RegisteredContact, contact), cancellationToken);
        cache.Remember(id, from, registration.Expires, clock.GetUtcNow());
    }

    public async Task UnregisterAsync(DeviceId device, CancellationToken cancellationToken)
    {
        var id = device.Value;
        cache.Forget(id);
        var camera = await db.Cameras.Where(x => x.DeviceId == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.RegisteredUntil, (DateTime?)null)
            .SetProperty(x => x.RegisteredFrom, (string?)null).SetProperty(x => x.RegisteredTransport, (string?)null).SetProperty(x => x.RegisteredContact, (string?)null), cancellationToken);
        if (camera == 0)
            await db.Platforms.Where(x => x.DeviceId == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.RegisteredUntil, (DateTime?)null)
                .SetProperty(x => x.RegisteredFrom, (string?)null).SetProperty(x => x.RegisteredTransport, (string?)null).SetProperty(x => x.RegisteredContact, (string?)null), cancellationToken);
    }

    public async Task<string?> RefusalAsync(DeviceId device, IPEndPoint remote, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (cache.Allows(device.Value, remote, now)) return null;
        var id = device.Value;
        var stored = await db.Cameras.AsNoTracking().Where(x => x.DeviceId == id).Select(x => new Stored(x.RegisteredFrom, x.RegisteredUntil)).FirstOrDefaultAsync(cancellationToken)
            ?? await db.Platforms.AsNoTracking().Where(x => x.DeviceId == id).Select(x => new Stored(x.RegisteredFrom, x.RegisteredUntil)).FirstOrDefaultAsync(cancellationToken);
        if (stored is not { From: { } text, Until: { } until } || !IPAddress.TryParse(text, out var from)) return $"device {device} is not registered";
        var expires = new DateTimeOffset(DateTime.SpecifyKind(until, DateTimeKind.Utc));
        var refusal = SipRegistrations.Refusal(device, from, expires, remote, now);
        if (refusal is null) cache.Remember(id, from, expires, now);
        return refusal;
    }

    private sealed record Stored(string? From, DateTime? Until);
}

/// <summary>
/// Registrations this process saw valid, trusted for <see cref="Trust"/> so that a lower platform's burst of alarms does
/// not read its row once per alarm. The price: an unregister or a new address at another replica is seen here within
/// that time (an unregister here is seen at once).
/// </summary>
public sealed class SipRegistrationCache
{
    public static readonly TimeSpan Trust = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (IPAddress From, DateTimeOffset Expires, DateTimeOffset TrustUntil)> _byDevice = new();

    public void Remember(string deviceId, IPAddress from, DateTimeOffset expires, DateTimeOffset now) =>
        _byDevice[deviceId] = (from, expires, now + Trust);

    public void Forget(string deviceId) => _byDevice.TryRemove(deviceId, out _);

    public bool Allows(string deviceId, IPEndPoint remote, DateTimeOffset now) =>
        _byDevice.TryGetValue(deviceId, out var entry) && entry.TrustUntil > now && entry.Expires > now
        && entry.From.Equals(SipRegistrations.Normalise(remote.Address));
}
