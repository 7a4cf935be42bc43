using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Data;
using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Data;
using Governance.VideoAlert.Devices;
using Governance.VideoAlert.Sip;
using Microsoft.EntityFrameworkCore;
using Governance.VideoAlert.Routing;
using Governance.VideoAlert.Webhook;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Governance.VideoAlert.Alarms;

/// <summary>One alarm waiting in <see cref="AlarmBatcher"/>: built by its intake (the webhook), or a SIP alarm whose org the batch looks up.</summary>
public sealed class AlarmIntake
{
    public AlarmIntake(Alarm alarm) => Alarm = alarm;

    public AlarmIntake(DeviceId sender, AlarmNotify notify, DateTimeOffset receivedAt) => (Sender, Notify, ReceivedAt) = (sender, notify, receivedAt);

    /// <summary>The SIP sender, null for an alarm that came built.</summary>
    public DeviceId? Sender { get; }
    public AlarmNotify? Notify { get; }
    public DateTimeOffset ReceivedAt { get; }
    /// <summary>The row; for a SIP alarm, built once its camera or sender is found.</summary>
    public Alarm? Alarm { get; internal set; }
    /// <summary>Why this alarm alone cannot be stored (a sender the registry does not know).</summary>
    public Exception? Failure { get; internal set; }
    /// <summary>True once stored by the batch, false when it repeats one stored before (or earlier in the batch).</summary>
    public bool? Stored { get; internal set; }
}

/// <summary>
/// Stores a batch of alarms in one transaction, set-based instead of 6–8 statements an alarm: one look-up of the batch's
/// cameras (org, grid, point) and of its SIP senders that are platforms, one query for repeats of alarms already stored
/// (repeats within the batch are found in memory), then in the transaction the batch's grouping alerts read and locked
/// once and folded in memory (<see cref="AlertGrouping.JoinAllAsync"/>), and one save of every alarm, alert and event.
/// The rules are <see cref="AlarmStore.SaveAsync"/>'s. A unique violation at the save means another writer stored one of
/// these alarms or raised one of these alerts since the batch read: the batch is run again from what is stored then.
/// </summary>
public sealed partial class AlarmBatchWriter(VideoAlertDb db, AlertGrouping grouping, AlertCommitSignal raised, OutboxSignals outbox, WebhookCameraCache webhookCameras,
    TimeProvider clock, ILogger<AlarmBatchWriter> logger)
{
    private const int MaxAttempts = 3;

    /// <summary>Sets each item's <see cref="AlarmIntake.Stored"/> or <see cref="AlarmIntake.Failure"/>; throws when the batch as a whole failed.</summary>
    public async Task WriteAsync(IReadOnlyList<AlarmIntake> items, CancellationToken ct)
    {
        var places = await ResolveAsync(items, ct);
        for (var attempt = 1; ; attempt++)
        {
            var fresh = await NewOnlyAsync(items, ct);
            try
            {
                if (fresh.Count > 0) await SaveAsync(fresh, places, ct);
                foreach (var item in fresh) item.Stored = true;
                return;
            }
            catch (Exception e) when (IsUniqueViolation(e) && attempt < MaxAttempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Builds the SIP alarms with their camera's grid and org (else the sender's org) and answers the cameras' points.</summary>
    private async Task<Dictionary<string, CameraPoint>> ResolveAsync(IReadOnlyList<AlarmIntake> items, CancellationToken ct)
    {
        var readAt = clock.GetUtcNow();
        var ids = items.Select(i => i.Alarm?.CameraId ?? i.Notify!.DeviceId.Value)
            .Concat(items.Where(i => i.Sender is not null).Select(i => i.Sender!.Value.Value)).Distinct().ToList();
        var found = await db.Cameras.AsNoTracking().IgnoreQueryFilters().Where(c => ids.Contains(c.DeviceId))
            .Select(c => new { c.DeviceId, c.GridCode, c.OrgPath, c.Longitude, c.Latitude, Retired = c.RetiredAt != null }).ToListAsync(ct);
        // A retired camera's alarm, even through its platform, is refused as an unknown device's: it raises nothing.
        var retired = found.Where(c => c.Retired).Select(c => c.DeviceId).ToHashSet();
        var cameras = found.Where(c => !c.Retired).ToDictionary(c => c.DeviceId);
        // The webhook's cameras were just read: their places are fresh as of now, so the webhook's cache keeps them another
        // Trust instead of reading each busy camera's row again every Trust (a fifth of a 1,000-camera flood's requests did).
        foreach (var item in items)
            if (item.Alarm is { Source: AlarmSources.Webhook, CameraId: var camera })
            {
                if (cameras.TryGetValue(camera, out var row)) webhookCameras.Remember(camera, new WebhookCameraPlace(row.GridCode, row.OrgPath), readAt);
                else webhookCameras.Forget(camera);
            }
        var platformIds = items.Where(i => i.Sender is { } s && !cameras.ContainsKey(s.Value)).Select(i => i.Sender!.Value.Value).Distinct().ToList();
        var platforms = platformIds.Count == 0 ? [] : await db.Platforms.AsNoTracking().Where(p => platformIds.Contains(p.DeviceId))
            .Select(p => new { p.DeviceId, p.OrgPath }).ToDictionaryAsync(p => p.DeviceId, p => p.OrgPath, ct);
        foreach (var item in items.Where(i => i.Alarm is null))
        {
            var sender = item.Sender!.Value;
            var own = cameras.GetValueOrDefault(item.Notify!.DeviceId.Value);
            var org = own?.OrgPath ?? cameras.GetValueOrDefault(sender.Value)?.OrgPath ?? platforms.GetValueOrDefault(sender.Value);
            if (retired.Contains(item.Notify.DeviceId.Value) || retired.Contains(sender.Value))
                item.Failure = new UnknownDeviceException($"Alarm from {sender} about {item.Notify.DeviceId}, a retired camera of the registry.");
            else if (org is null)
                item.Failure = new UnknownDeviceException($"Alarm from {sender}, which is neither a camera nor a platform of the registry.");
            else
                item.Alarm = AlarmStore.Build(sender, item.Notify, item.ReceivedAt, own?.GridCode, org);
        }
        return cameras.ToDictionary(c => c.Key, c => new CameraPoint(c.Value.Longitude, c.Value.Latitude));
    }

    /// <summary>
    /// The items to store: not failed, and neither stored before (same sender, camera, SN and device time; or a webhook
    /// source's eventId) nor repeating an earlier item of the batch. Repeats are marked not stored.
    /// </summary>
    private async Task<List<AlarmIntake>> NewOnlyAsync(IReadOnlyList<AlarmIntake> items, CancellationToken ct)
    {
        var candidates = items.Where(i => i.Failure is null).ToList();
        var stored = db.Database.IsNpgsql()
            ? await AlarmRowsSql.StoredAsync(db, candidates.Select(i => i.Alarm!).ToList(), ct)
            : await StoredAsync(candidates, ct);
        var seen = stored.Select(a => (a.SenderId, a.CameraId, a.Sn, a.DeviceTime)).ToHashSet();
        var seenEvents = stored.Where(a => a.SourceId is not null).Select(a => (a.SourceId!, a.Sn)).ToHashSet();
        var fresh = new List<AlarmIntake>(candidates.Count);
        foreach (var item in candidates)
        {
            var a = item.Alarm!;
            var repeat = !seen.Add((a.SenderId, a.CameraId, a.Sn, a.DeviceTime));
            repeat |= a.SourceId is not null && !seenEvents.Add((a.SourceId, a.Sn));
            if (repeat)
            {
                item.Stored = false;
                LogRepeated(logger, a.Sn, a.CameraId, a.SenderId);
            }
            else fresh.Add(item);
        }
        return fresh;
    }

    /// <summary>SQLite (the standalone): each column's values as a list, the exact keys compared in memory by the caller.</summary>
    private async Task<List<AlarmRowsSql.StoredKey>> StoredAsync(List<AlarmIntake> candidates, CancellationToken ct)
    {
        var senders = candidates.Select(i => i.Alarm!.SenderId).Distinct().ToList();
        var cameras = candidates.Select(i => i.Alarm!.CameraId).Distinct().ToList();
        var sns = candidates.Select(i => i.Alarm!.Sn).Distinct().ToList();
        var sources = candidates.Where(i => i.Alarm!.SourceId is not null).Select(i => i.Alarm!.SourceId!).Distinct().ToList();
        return await db.Alarms.AsNoTracking()
            .Where(a => (senders.Contains(a.SenderId) && cameras.Contains(a.CameraId) && sns.Contains(a.Sn))
                || (a.SourceId != null && sources.Contains(a.SourceId) && sns.Contains(a.Sn)))
            .Select(a => new AlarmRowsSql.StoredKey(a.SenderId, a.CameraId, a.Sn, a.DeviceTime, a.SourceId)).ToListAsync(ct);
    }

    /// <summary>
    /// One transaction: on PostgreSQL set-based statements (<see cref="AlarmRowsSql"/>, the outbox rows among them, so this
    /// wakes the dispatcher after the commit), on SQLite (the standalone) EF's change tracking, the outbox rows saved by
    /// <c>SaveChanges</c> (whose interceptor wakes the dispatcher). The router is woken once
    /// the alerts raised are committed (the EF path's alerts wake it through <see cref="AlertCommitInterceptor"/>).
    /// </summary>
    private async Task SaveAsync(List<AlarmIntake> fresh, Dictionary<string, CameraPoint> places, CancellationToken ct)
    {
        var alarms = fresh.Select(i => i.Alarm!).ToList();
        if (!db.Database.IsNpgsql())
        {
            await db.SaveInOneTransactionAsync(t => FoldAndAddAsync(db, grouping, alarms, places, t), ct);
            return;
        }
        var written = await db.SaveInOneTransactionAsync(t => AlarmRowsSql.FoldAndInsertAsync(db, grouping, alarms, places, t), ct);
        db.ChangeTracker.Clear();
        if (written.Raised > 0) raised.Wake();
        if (written.Events > 0) outbox.Notify(typeof(VideoAlertDb));
    }

    /// <summary>A unique index broken by another writer since the batch read: from EF's save, or from the set-based statements.</summary>
    private static bool IsUniqueViolation(Exception e) =>
        e is DbUpdateException update ? update.IsUniqueViolation() : e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>Normalises the new alarms (their kind set) and answers what each brings to its alert.</summary>
    internal static List<AlertSeed> Seeds(IReadOnlyList<Alarm> alarms)
    {
        var seeds = new List<AlertSeed>(alarms.Count);
        foreach (var alarm in alarms)
        {
            var (kind, priority, method) = AlarmNormaliser.Normalise(alarm);
            alarm.Kind = kind;
            seeds.Add(new AlertSeed(alarm.CameraId, kind, priority, method, alarm.ReceivedAt, alarm.Longitude, alarm.Latitude, alarm.GridCode,
                alarm.OrgPath, alarm.Description));
        }
        return seeds;
    }

    /// <summary>Normalises the new alarms, folds them into their alerts (<see cref="AlertGrouping.JoinAllAsync"/>) and adds them, inside the caller's transaction.</summary>
    internal static async Task FoldAndAddAsync(VideoAlertDb db, AlertGrouping grouping, IReadOnlyList<Alarm> alarms,
        IReadOnlyDictionary<string, CameraPoint> places, CancellationToken ct)
    {
        var alerts = await grouping.JoinAllAsync(Seeds(alarms), places, ct);
        for (var i = 0; i < alarms.Count; i++) alarms[i].AlertId = alerts[i];
        db.Alarms.AddRange(alarms);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alarm SN {Sn} of {Camera} from {Sender} was already stored; the repeat is answered and not stored again")]
    private static partial void LogRepeated(ILogger logger, string sn, string camera, string sender);
}
