using System.Collections.Concurrent;
using System.Net;
using Governance.VideoAlert.Devices;

namespace Governance.VideoAlert.Sip;

/// <summary>
/// Devices registered with this process and the address they registered from, so a MESSAGE can be checked against
/// them. In memory: after a restart devices are refused until they register again, which a device does when its
/// keepalive is refused.
/// </summary>
public sealed class SipRegistrations(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (IPAddress Address, DateTimeOffset Expires)> _byDevice = new();

    public void Register(DeviceId device, IPEndPoint remote, DateTimeOffset expires) =>
        _byDevice[device.Value] = (Normalise(remote.Address), expires);

    public void Unregister(DeviceId device) => _byDevice.TryRemove(device.Value, out _);

    /// <summary>Null when the device may send from there, else why not.</summary>
    public string? Refusal(DeviceId device, IPEndPoint remote)
    {
        if (!_byDevice.TryGetValue(device.Value, out var entry)) return $"device {device} is not registered";
        if (entry.Expires <= clock.GetUtcNow()) return $"registration of device {device} has expired";
        return entry.Address.Equals(Normalise(remote.Address)) ? null : $"device {device} registered from another address";
    }

    private static IPAddress Normalise(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
