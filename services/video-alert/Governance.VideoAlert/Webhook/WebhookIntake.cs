using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Governance.VideoAlert.Alarms;
using Governance.VideoAlert.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Governance.VideoAlert.Webhook;

/// <summary>
/// Takes an alarm from an analytics box: its key names the source, the fields are checked, the camera must be in the
/// registry and within the source's org, and the alarm is stored through <see cref="AlarmBatcher.SaveAsync"/> (the SIP
/// intake's batches, durability, duplicate rule and grouping), committed before the answer. The box's eventId is the
/// idempotency key: sent again, nothing new is stored and the first alarm is answered.
/// </summary>
/// <remarks>
/// The request's context is taken from its scope only when a look-up misses the caches: an alarm from a known source
/// about a camera seen lately goes to the batcher without renting (and resetting) a pooled DbContext it would not use.
/// </remarks>
public sealed class WebhookIntake(IServiceProvider requestServices, AlarmBatcher store, WebhookKeyCache keys, WebhookCameraCache cameras, TimeProvider clock,
    IOptions<WebhookOptions> options)
{
    private VideoAlertDb? _db;

    private VideoAlertDb Db => _db ??= requestServices.GetRequiredService<VideoAlertDb>();

    /// <summary>The source whose key this is, unless the key is unknown or revoked (null: nothing else is said).</summary>
    public async Task<AlarmSource?> AuthenticateAsync(string? key, CancellationToken ct)
    {
        if (ApiKeys.PrefixOf(key) is not { } prefix) return null;
        var hash = ApiKeys.Hash(key!);
        var cacheKey = Convert.ToBase64String(hash);
        var now = clock.GetUtcNow();
        if (keys.Find(cacheKey, now) is { } known) return known;
        var candidates = await Db.AlarmSources.AsNoTracking().Where(s => s.KeyPrefix == prefix && s.RevokedAt == null).ToListAsync(ct);
        var found = candidates.FirstOrDefault(s => System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(hash, s.KeyHash));
        if (found is not null) keys.Remember(cacheKey, found, now);
        return found;
    }

    /// <summary>Stores the alarm; Stored is false when its eventId had been stored already (the first alarm is answered).</summary>
    public async Task<(WebhookAnswer Answer, bool Stored)> AcceptAsync(AlarmSource source, WebhookAlarm body, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var alarm = WebhookChecks.Check(body, now);
        var camera = await PlaceAsync(alarm.Camera.Value, now, ct);
        // Out of the source's org reads as absent, as out of reach does everywhere: a box learns nothing of other orgs' cameras.
        // An eventId stored before is still answered with its first alarm, whatever became of the camera since.
        if (camera is null || !OrgPath.Parse(camera.OrgPath).IsWithin(OrgPath.Parse(source.OrgPath)))
            return (await FirstAsync(source, alarm.EventId, ct) ?? throw DomainException.NotFound($"No camera {alarm.Camera.Value} within this source's org."), false);
        var stored = Build(source, alarm, camera.GridCode, camera.OrgPath, now, options.Value.WallTimeOffset);
        if (await store.SaveAsync(stored, ct)) return (Answer(stored), true);
        // The eventId was stored before (sent again, or at the same moment on another request): the first alarm answers.
        // Looked for only then, so a new alarm costs no query for it.
        return (await FirstAsync(source, alarm.EventId, ct) ?? throw new InvalidOperationException("A repeated alarm was not found."), false);
    }

    /// <summary>The camera's grid and org: from <see cref="WebhookCameraCache"/> when found lately, else its row; null when not registered.</summary>
    private async Task<WebhookCameraPlace?> PlaceAsync(string deviceId, DateTimeOffset now, CancellationToken ct)
    {
        if (cameras.Find(deviceId, now) is { } known) return known;
        var place = await Db.Cameras.AsNoTracking().Where(c => c.DeviceId == deviceId)
            .Select(c => new WebhookCameraPlace(c.GridCode, c.OrgPath)).FirstOrDefaultAsync(ct);
        if (place is not null) cameras.Remember(deviceId, place, now);
        return place;
    }

    /// <summary>The alarm row of a checked webhook alarm: its occurredAt as a wall time at <paramref name="wallTimeOffset"/> (WebhookOptions).</summary>
    internal static Alarm Build(AlarmSource source, WebhookChecks.Checked alarm, string gridCode, string orgPath, DateTimeOffset now, TimeSpan wallTimeOffset) => new()
    {
        Id = Guid.CreateVersion7(now), CameraId = alarm.Camera.Value, SenderId = source.Id, Sn = alarm.EventId, Priority = alarm.Priority,
        Method = 5, AlarmType = null, Kind = alarm.Kind,
        DeviceTime = DateTime.SpecifyKind(alarm.OccurredAt.ToOffset(wallTimeOffset).DateTime, DateTimeKind.Unspecified),
        Description = alarm.Description, Longitude = alarm.Longitude, Latitude = alarm.Latitude, ReceivedAt = now.UtcDateTime,
        GridCode = gridCode, OrgPath = orgPath, Source = AlarmSources.Webhook, SourceId = source.Id,
    };

    private async Task<WebhookAnswer?> FirstAsync(AlarmSource source, string eventId, CancellationToken ct)
    {
        var first = await Db.Alarms.AsNoTracking().Where(a => a.SourceId == source.Id && a.Sn == eventId)
            .Select(a => new { a.Id, a.CameraId }).FirstOrDefaultAsync(ct);
        return first is null ? null : new WebhookAnswer(first.Id, eventId, first.CameraId, source.Id);
    }

    private static WebhookAnswer Answer(Alarm a) => new(a.Id, a.Sn, a.CameraId, a.SourceId!);
}
