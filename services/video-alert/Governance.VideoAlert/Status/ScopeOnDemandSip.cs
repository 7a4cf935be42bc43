using System.Net;
using Governance.VideoAlert.Alarms;
using Governance.VideoAlert.Devices;
using Governance.VideoAlert.Sip;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.VideoAlert.Status;

/// <summary>
/// The registry behind SIP intake as singletons that open a DI scope (and so rent a DbContext) only when they touch the
/// database: a MESSAGE from a device known and registered lately, carrying an alarm, is answered from the caches and
/// queued to <see cref="AlarmBatcher"/> without one. A scope per MESSAGE, renting and resetting a pooled context that the
/// caches then left unused, was a measurable share of an alarm's CPU in a platform's flood. The scoped services
/// (<see cref="CameraSipCredentials"/>, <see cref="StoredSipRegistrations"/>, <see cref="CameraDeviceEvents"/>) still do the work.
/// </summary>
internal sealed class ScopeOnDemandSipCredentials(IServiceScopeFactory scopes, SipCredentialCache cache, TimeProvider clock) : ISipCredentials
{
    public async ValueTask<SipCredential?> FindAsync(string deviceId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CameraSipCredentials>().FindAsync(deviceId, cancellationToken);
    }

    public ValueTask<bool> IsKnownAsync(string deviceId, CancellationToken cancellationToken) =>
        cache.Find(deviceId, clock.GetUtcNow()) is not null ? ValueTask.FromResult(true) : ReadKnownAsync(deviceId, cancellationToken);

    private async ValueTask<bool> ReadKnownAsync(string deviceId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CameraSipCredentials>().IsKnownAsync(deviceId, cancellationToken);
    }
}

/// <inheritdoc cref="ScopeOnDemandSipCredentials"/>
internal sealed class ScopeOnDemandSipRegistrations(IServiceScopeFactory scopes, SipRegistrationCache cache, TimeProvider clock) : ISipRegistrations
{
    public Task RegisterAsync(DeviceRegistration registration, CancellationToken cancellationToken) =>
        InScopeAsync(r => r.RegisterAsync(registration, cancellationToken));

    public Task UnregisterAsync(DeviceId device, CancellationToken cancellationToken) => InScopeAsync(r => r.UnregisterAsync(device, cancellationToken));

    public Task<string?> RefusalAsync(DeviceId device, IPEndPoint remote, CancellationToken cancellationToken) =>
        cache.Allows(device.Value, remote, clock.GetUtcNow()) ? Task.FromResult<string?>(null) : InScopeAsync(r => r.RefusalAsync(device, remote, cancellationToken));

    private async Task<T> InScopeAsync<T>(Func<StoredSipRegistrations, Task<T>> call)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<StoredSipRegistrations>());
    }

    private Task InScopeAsync(Func<StoredSipRegistrations, Task> call) => InScopeAsync(async r => { await call(r); return true; });
}

/// <inheritdoc cref="ScopeOnDemandSipCredentials"/>
internal sealed class ScopeOnDemandDeviceEvents(IServiceScopeFactory scopes, AlarmBatcher alarms) : IDeviceEvents
{
    public Task RegisteredAsync(DeviceRegistration registration, CancellationToken cancellationToken) =>
        InScopeAsync(e => e.RegisteredAsync(registration, cancellationToken));

    public Task UnregisteredAsync(DeviceId deviceId, CancellationToken cancellationToken) => InScopeAsync(e => e.UnregisteredAsync(deviceId, cancellationToken));

    public Task KeepAliveAsync(DeviceId sender, KeepaliveNotify keepalive, CancellationToken cancellationToken) =>
        InScopeAsync(e => e.KeepAliveAsync(sender, keepalive, cancellationToken));

    /// <summary>As <see cref="CameraDeviceEvents.AlarmReceivedAsync"/>: the batcher, a singleton, stores it in its own scope per batch.</summary>
    public Task AlarmReceivedAsync(DeviceId sender, AlarmNotify alarm, CancellationToken cancellationToken) => alarms.StoreAsync(sender, alarm, cancellationToken);

    private async Task InScopeAsync(Func<CameraDeviceEvents, Task> call)
    {
        await using var scope = scopes.CreateAsyncScope();
        await call(scope.ServiceProvider.GetRequiredService<CameraDeviceEvents>());
    }
}
