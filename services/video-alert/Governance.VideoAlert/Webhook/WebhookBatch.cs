using System.Data.Common;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Governance.VideoAlert.Alarms;
using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Governance.VideoAlert.Webhook;

/// <summary>
/// A batch of up to <see cref="MaxItems"/> alarms from one box in one request (a busy box at thousands of alarms a second
/// would otherwise pay a request each). All or nothing: every item is checked (400 naming <c>[i].field</c>) and its camera
/// found within the source's org (else 404 naming the item) before any is stored; the new ones are then stored in one
/// transaction, folded into their alerts together (<see cref="AlertGrouping.JoinAllAsync"/>, AlarmStore's rules). Items whose eventId was stored before are answered with that
/// alarm and not stored again; if another request stores one of the batch's eventIds meanwhile, the transaction is
/// rolled back and tried again (twice) from what is stored then, and refused (409) only if it keeps losing.
/// </summary>
public sealed class WebhookBatch(VideoAlertDb db, AlertGrouping grouping, TimeProvider clock, IOptions<WebhookOptions> options)
{
    public const int MaxItems = 500;

    public sealed record Item(Guid AlarmId, string EventId, string CameraId, bool Stored);

    public async Task<IReadOnlyList<Item>> AcceptAsync(AlarmSource source, IReadOnlyList<WebhookAlarm?> items, CancellationToken ct)
    {
        if (items.Count is 0 or > MaxItems) throw DomainException.Invalid("body", $"Send 1 to {MaxItems} alarms in a batch.");
        var now = clock.GetUtcNow();
        var checkedItems = new List<WebhookChecks.Checked>(items.Count);
        var firstIndex = new Dictionary<string, int>();
        for (var i = 0; i < items.Count; i++)
        {
            var alarm = WebhookChecks.Check(items[i] ?? throw DomainException.Invalid($"[{i}]", "Send each alarm as a JSON object."), now, $"[{i}].");
            if (!firstIndex.TryAdd(alarm.EventId, i))
                throw DomainException.Invalid($"[{i}].eventId", $"The eventId {alarm.EventId} is already in item {firstIndex[alarm.EventId]} of this batch.");
            checkedItems.Add(alarm);
        }

        var cameraIds = checkedItems.Select(a => a.Camera.Value).Distinct().ToList();
        var within = OrgPath.Parse(source.OrgPath);
        var cameras = (await db.Cameras.AsNoTracking().Where(c => cameraIds.Contains(c.DeviceId)).Select(c => new { c.DeviceId, c.GridCode, c.OrgPath, c.Longitude, c.Latitude }).ToListAsync(ct))
            .Where(c => OrgPath.Parse(c.OrgPath).IsWithin(within)).ToDictionary(c => c.DeviceId);
        for (var i = 0; i < checkedItems.Count; i++)
            if (!cameras.ContainsKey(checkedItems[i].Camera.Value))
                throw DomainException.NotFound($"No camera {checkedItems[i].Camera.Value} within this source's org (item {i}).");

        // A race (another request storing one of these eventIds, or raising the same alert) rolls the transaction back: the
        // batch is tried again from what is stored then, and refused (409) only if it keeps losing.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var placed = cameras.ToDictionary(c => c.Key, c => (c.Value.GridCode, c.Value.OrgPath));
                var points = cameras.ToDictionary(c => c.Key, c => new CameraPoint(c.Value.Longitude, c.Value.Latitude));
                // The database's retrying strategy (PostgreSQL) wants the user transaction inside it.
                return await db.Database.CreateExecutionStrategy().ExecuteAsync(
                    tryCt => StoreAsync(source, checkedItems, firstIndex.Keys.ToList(), placed, points, now, tryCt), ct);
            }
            catch (Exception e) when (e is DbException or DbUpdateException || e is DomainException { Kind: DomainErrorKind.Duplicate })
            {
                db.ChangeTracker.Clear();
                if (attempt == MaxAttempts)
                    throw DomainException.Duplicate($"An alarm of this batch was stored meanwhile by another request: send the batch again.");
            }
        }
    }

    private const int MaxAttempts = 3;

    private async Task<IReadOnlyList<Item>> StoreAsync(AlarmSource source, List<WebhookChecks.Checked> checkedItems, List<string> eventIds,
        Dictionary<string, (string GridCode, string OrgPath)> cameras, Dictionary<string, CameraPoint> points, DateTimeOffset now, CancellationToken ct)
    {
        // Run again by the execution strategy after a transient failure: nothing of the failed attempt is saved twice.
        db.ChangeTracker.Clear();
        var earlier = await db.Alarms.AsNoTracking().Where(a => a.SourceId == source.Id && eventIds.Contains(a.Sn))
            .Select(a => new { a.Sn, a.Id, a.CameraId }).ToDictionaryAsync(a => a.Sn, ct);
        var answers = new List<Item>(checkedItems.Count);
        var fresh = new List<Alarm>(checkedItems.Count);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var a in checkedItems)
        {
            if (earlier.TryGetValue(a.EventId, out var first))
            {
                answers.Add(new Item(first.Id, a.EventId, first.CameraId, false));
                continue;
            }
            var (gridCode, orgPath) = cameras[a.Camera.Value];
            var alarm = WebhookIntake.Build(source, a, gridCode, orgPath, now, options.Value.WallTimeOffset);
            fresh.Add(alarm);
            answers.Add(new Item(alarm.Id, a.EventId, alarm.CameraId, true));
        }
        // An eventId stored meanwhile by another request breaks the unique index at the save: the caller tries again.
        if (fresh.Count > 0) await AlarmBatchWriter.FoldAndAddAsync(db, grouping, fresh, points, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return answers;
    }
}
