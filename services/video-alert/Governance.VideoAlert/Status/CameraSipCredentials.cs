using System.Collections.Concurrent;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Data;
using Governance.VideoAlert.Sip;
using Microsoft.EntityFrameworkCore;

namespace Governance.VideoAlert.Status;

/// <summary>
/// Who may register, from the registry: a camera with its own password, a camera of a lower platform with the
/// platform's, a platform with its own. Anything else is unknown (404). REGISTER reads the row every time (a new
/// password counts at once, whichever replica changed it); a MESSAGE only asks whether the sender is known, answered
/// from <see cref="SipCredentialCache"/> when this process found it lately, so a platform's burst of alarms does not
/// read (and decrypt) its credential once per alarm.
/// </summary>
public sealed class CameraSipCredentials(VideoAlertDb db, SipSecrets secrets, SipCredentialCache cache, TimeProvider clock) : ISipCredentials
{
    public async ValueTask<SipCredential?> FindAsync(string deviceId, CancellationToken cancellationToken)
    {
        var found = await ReadAsync(deviceId, cancellationToken);
        if (found is null) cache.Forget(deviceId);
        else cache.Remember(deviceId, found, clock.GetUtcNow());
        return found;
    }

    public async ValueTask<bool> IsKnownAsync(string deviceId, CancellationToken cancellationToken) =>
        cache.Find(deviceId, clock.GetUtcNow()) is not null || await FindAsync(deviceId, cancellationToken) is not null;

    private async Task<SipCredential?> ReadAsync(string deviceId, CancellationToken cancellationToken)
    {
        var camera = await db.Cameras.AsNoTracking().Where(c => c.DeviceId == deviceId)
            .Select(c => new { c.SipPassword, c.PlatformId }).FirstOrDefaultAsync(cancellationToken);
        if (camera?.SipPassword is { } own) return new SipCredential(secrets.Unprotect(deviceId, own));
        var platformId = camera?.PlatformId ?? deviceId;
        var platform = await db.Platforms.AsNoTracking().Where(p => p.DeviceId == platformId).Select(p => p.SipPassword).FirstOrDefaultAsync(cancellationToken);
        if (platform is null) return null;
        return new SipCredential(secrets.Unprotect(platformId, platform), camera is null ? SipCredentialScope.Device : SipCredentialScope.Platform);
    }
}

/// <summary>
/// Credentials this process found, trusted for <see cref="Trust"/>. Unknown devices are never cached (a camera just
/// registered in the registry is known at its first MESSAGE). A change of a camera or platform saved through this
/// process's context drops its entries at once (<see cref="CameraCacheInvalidation"/>); one saved at another replica
/// is seen here within <see cref="Trust"/>, which only matters to a MESSAGE's "known?" check, since REGISTER reads the row.
/// </summary>
public sealed class SipCredentialCache
{
    public static readonly TimeSpan Trust = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, (SipCredential Credential, DateTimeOffset TrustUntil)> _byDevice = new();

    public void Remember(string deviceId, SipCredential credential, DateTimeOffset now) => _byDevice[deviceId] = (credential, now + Trust);

    /// <summary>The credential found lately, or null (never found, changed since, or older than <see cref="Trust"/>).</summary>
    public SipCredential? Find(string deviceId, DateTimeOffset now) =>
        _byDevice.TryGetValue(deviceId, out var entry) && entry.TrustUntil > now ? entry.Credential : null;

    public void Forget(string deviceId) => _byDevice.TryRemove(deviceId, out _);

    /// <summary>A platform's password is its cameras' too: a platform's change forgets everything (a rare, administrative change).</summary>
    public void Clear() => _byDevice.Clear();
}
