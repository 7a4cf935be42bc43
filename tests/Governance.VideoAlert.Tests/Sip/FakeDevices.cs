using System.Collections.Concurrent;
using Governance.VideoAlert.Devices;
using Governance.VideoAlert.Sip;

namespace Governance.VideoAlert.Tests.Sip;

/// <summary>In-memory credentials and device events: this proves the SIP layer; the service's database backs them later.</summary>
public sealed class FakeDevices : ISipCredentials, IDeviceEvents
{
    public const string Camera = "34020000001320000001";
    public const string LowerPlatform = "34020100002000000001";
    public const string Password = "12345678";

    public ConcurrentDictionary<string, SipCredential> Credentials { get; } = new()
    {
        [Camera] = new SipCredential(Password),
        [LowerPlatform] = new SipCredential("platform-secret", SipCredentialScope.Platform),
    };

    public ConcurrentQueue<DeviceRegistration> Registrations { get; } = new();
    public ConcurrentQueue<DeviceId> Unregistrations { get; } = new();
    public ConcurrentQueue<(DeviceId Sender, KeepaliveNotify Keepalive)> Keepalives { get; } = new();
    public ConcurrentQueue<(DeviceId Sender, AlarmNotify Alarm)> Alarms { get; } = new();

    /// <summary>When set, alarm storage waits for it: a test holds the first copy "in flight".</summary>
    public TaskCompletionSource? AlarmGate { get; set; }

    public Exception? AlarmFailure { get; set; }

    public ValueTask<SipCredential?> FindAsync(string deviceId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Credentials.GetValueOrDefault(deviceId));

    public Task RegisteredAsync(DeviceRegistration registration, CancellationToken cancellationToken)
    {
        Registrations.Enqueue(registration);
        return Task.CompletedTask;
    }

    public Task UnregisteredAsync(DeviceId deviceId, CancellationToken cancellationToken)
    {
        Unregistrations.Enqueue(deviceId);
        return Task.CompletedTask;
    }

    public Task KeepAliveAsync(DeviceId sender, KeepaliveNotify keepalive, CancellationToken cancellationToken)
    {
        Keepalives.Enqueue((sender, keepalive));
        return Task.CompletedTask;
    }

    public async Task AlarmReceivedAsync(DeviceId sender, AlarmNotify alarm, CancellationToken cancellationToken)
    {
        if (AlarmGate is { } gate) await gate.Task.WaitAsync(cancellationToken);
        if (AlarmFailure is { } failure) throw failure;
        Alarms.Enqueue((sender, alarm));
    }
}
