using System.Collections.Concurrent;

namespace Governance.VideoAlert.Webhook;

/// <summary>
/// Sources this process found by their key, trusted for <see cref="Trust"/>, so that a box sending thousands of alarms a
/// second does not read its source once per alarm. Keyed by the key's SHA-256 (the key itself is not kept); unknown
/// keys are never cached. A revoke in this process clears it at once (<see cref="AlarmSourceAdmin.RevokeAsync"/>); one
/// made at another replica is seen here within <see cref="Trust"/>.
/// </summary>
public sealed class WebhookKeyCache
{
    public static readonly TimeSpan Trust = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (AlarmSource Source, DateTimeOffset TrustUntil)> _byKeyHash = new();

    public AlarmSource? Find(string keyHash, DateTimeOffset now) =>
        _byKeyHash.TryGetValue(keyHash, out var entry) && entry.TrustUntil > now ? entry.Source : null;

    public void Remember(string keyHash, AlarmSource source, DateTimeOffset now) => _byKeyHash[keyHash] = (source, now + Trust);

    public void Clear() => _byKeyHash.Clear();
}
