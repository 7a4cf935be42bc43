using System.Collections.Concurrent;
using System.Net;
using Governance.VideoAlert.Devices;

namespace Governance.VideoAlert.Sip;

/// <summary>
/// Where intake keeps who registered from where, so a MESSAGE (which carries no authentication of its own) is taken
/// only from a registered device at its registered address. The service stores them with its devices
/// (Status.StoredSipRegistrations), so a restart or another replica knows them; <see cref="SipRegistrations"/> is the
/// in-memory default for the SIP layer on its own.
/// </summary>
public interface ISipRegistrations
{
    /// <summary>Called once the registration is accepted (after <see cref="IDeviceEvents.RegisteredAsync"/>).</summary>
    Task RegisterAsync(DeviceRegistration registration, CancellationToken cancellationToken);

    Task UnregisterAsync(DeviceId device, CancellationToken cancellationToken);

    /// <summary>Null when the device may send from there, else why not.</summary>
    Task<string?> RefusalAsync(DeviceId device, IPEndPoint remote, CancellationToken cancellationToken);
}

/// <summary>Registrations held in this process only: after a restart devices are refused until they register again.</summary>
public sealed class SipRegistrations(TimeProvider clock) : ISipRegistrations
{
    private readonly ConcurrentDictionary<string, (IPAddress Address, DateTimeOffset Expires)> _byDevice = new();

    public Task RegisterAsync(DeviceRegistration registration, CancellationToken cancellationToken)
    {
        _byDevice[registration.DeviceId.Value] = (Normalise(registration.Remote.Address), registration.Expires);
        return Task.CompletedTask;
    }

    public Task UnregisterAsync(DeviceId device, CancellationToken cancellationToken)
    {
        _byDevice.TryRemove(device.Value, out _);
        return Task.CompletedTask;
    }

    public Task<string?> RefusalAsync(DeviceId device, IPEndPoint remote, CancellationToken cancellationToken) =>
        Task.FromResult(_byDevice.TryGetValue(device.Value, out var entry)
            ? Refusal(device, entry.Address, entry.Expires, remote, clock.GetUtcNow())
            : $"device {device} is not registered");

    /// <summary>The rule for a known registration: not expired, and from the address it registered from.</summary>
    public static string? Refusal(DeviceId device, IPAddress registeredFrom, DateTimeOffset expires, IPEndPoint remote, DateTimeOffset now)
    {
        if (expires <= now) return $"registration of device {device} has expired";
        return registeredFrom.Equals(Normalise(remote.Address)) ? null : $"device {device} registered from another address";
    }

    /// <summary>An IPv4 address as such, even when the socket saw it mapped into IPv6.</summary>
    public static IPAddress Normalise(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
