using System.Collections.Concurrent;

namespace Governance.VideoAlert.Webhook;

/// <summary>
/// Registered cameras' grid and org as the webhook found them, trusted for <see cref="Trust"/>, so that a box's stream of
/// alarms does not read its camera's row once per alarm. Cameras not in the registry are never cached (one registered a
/// moment later is found at once). A camera saved through this process's context (moved to another grid) is dropped at
/// once (<see cref="Cameras.CameraCacheInvalidation"/>); one moved at another replica is seen here within <see cref="Trust"/>.
/// </summary>
public sealed class WebhookCameraCache
{
    public static readonly TimeSpan Trust = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (WebhookCameraPlace Place, DateTimeOffset TrustUntil)> _byCamera = new();

    public WebhookCameraPlace? Find(string deviceId, DateTimeOffset now) =>
        _byCamera.TryGetValue(deviceId, out var entry) && entry.TrustUntil > now ? entry.Place : null;

    public void Remember(string deviceId, WebhookCameraPlace place, DateTimeOffset now) => _byCamera[deviceId] = (place, now + Trust);

    public void Forget(string deviceId) => _byCamera.TryRemove(deviceId, out _);
}

/// <summary>A registered camera's grid and org.</summary>
public sealed record WebhookCameraPlace(string GridCode, string OrgPath);
