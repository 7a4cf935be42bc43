using System.Data.Common;
using Governance.Messaging.Outbox;
using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Governance.VideoAlert.Alarms;

/// <summary>
/// The PostgreSQL way to store a batch (<see cref="AlarmBatchWriter"/>): the same decisions as the EF path
/// (<see cref="AlertGrouping.Fold"/>) written as a handful of set-based statements on the context's own connection and
/// transaction instead of change tracking a row per alarm: the batch's grouping alerts read and locked in one SELECT
/// (<c>FOR UPDATE</c>, in id order), the alerts past their window stopped in one UPDATE, new alerts in one INSERT and
/// folded ones in one UPDATE, both from <c>unnest</c> arrays, and the alarms in one multi-row INSERT from <c>unnest</c>.
/// The fold's events (outbox rows) are written by one more INSERT from <c>unnest</c> in the same batch. A unique
/// violation (another writer raised one of these alerts, or stored one of these alarms) surfaces as a
/// <see cref="PostgresException"/>; the caller runs the batch again.
/// </summary>
internal static class AlarmRowsSql
{
    /// <summary>The keys of an alarm already stored.</summary>
    public sealed record StoredKey(string SenderId, string CameraId, string Sn, DateTime DeviceTime, string? SourceId);

    /// <summary>Folds and stores <paramref name="alarms"/> and their events inside the caller's transaction.</summary>
    public static async Task<Written> FoldAndInsertAsync(VideoAlertDb db, AlertGrouping grouping, IReadOnlyList<Alarm> alarms,
        IReadOnlyDictionary<string, CameraPoint> places, CancellationToken ct)
    {
        var seeds = AlarmBatchWriter.Seeds(alarms);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        var open = await GroupingAlertsAsync(connection, transaction, seeds.Select(s => s.CameraId).Distinct().ToArray(), ct);
        var fold = grouping.Fold(seeds, open, places);
        for (var i = 0; i < alarms.Count; i++) alarms[i].AlertId = fold.Ids[i];

        var batch = new NpgsqlBatch(connection, transaction);
        // Stopped first, before the inserts of their successors under the partial unique index (one grouping alert per camera and kind).
        if (fold.Stopped.Count > 0)
            batch.BatchCommands.Add(Command("""UPDATE alerts SET "Grouping" = false WHERE "Id" = ANY($1)""",
                Array(fold.Stopped.Select(a => a.Id), NpgsqlDbType.Uuid)));
        if (fold.Raised.Count > 0) batch.BatchCommands.Add(InsertAlerts(fold.Raised));
        if (fold.Folded.Count > 0) batch.BatchCommands.Add(UpdateFolded(fold.Folded));
        batch.BatchCommands.Add(InsertAlarms(alarms));
        // The fold's events (tracked outbox rows) go in one INSERT too: EF wrote one statement a row, which PostgreSQL
        // parsed and planned one by one. The caller wakes the dispatcher after the commit (nothing tracked is left to).
        var events = db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).ToList();
        if (events.Count > 0) batch.BatchCommands.Add(InsertOutbox(events.Select(e => e.Entity).ToList()));
        await using (batch) await batch.ExecuteNonQueryAsync(ct);
        foreach (var entry in events) entry.State = EntityState.Detached;
        return new Written(fold.Raised.Count, events.Count);
    }

    /// <summary>What a batch wrote that someone must be told of after the commit: alerts raised (the router), events (the outbox dispatcher).</summary>
    public readonly record struct Written(int Raised, int Events);

    /// <summary>In the rows' order, so their sequence numbers keep the order they were added in.</summary>
    private static NpgsqlBatchCommand InsertOutbox(List<OutboxMessage> rows) => Command("""
        INSERT INTO outbox_messages ("MessageId", "MessageType", "Body", "AggregateKey", "CreatedAt", "Attempts")
        SELECT id, type, body, aggregate, created_at, 0 FROM unnest($1, $2, $3, $4, $5) WITH ORDINALITY AS t(id, type, body, aggregate, created_at, n)
        ORDER BY n
        """,
        Array(rows.Select(r => r.MessageId), NpgsqlDbType.Uuid), Array(rows.Select(r => r.MessageType), NpgsqlDbType.Text),
        Array(rows.Select(r => r.Body), NpgsqlDbType.Text), Array(rows.Select(r => r.AggregateKey), NpgsqlDbType.Text),
        Array(rows.Select(r => r.CreatedAt), NpgsqlDbType.TimestampTz));

    /// <summary>
    /// The batch's alarms already stored, found by their exact keys: each (sender, camera, SN, device time) and each
    /// webhook (source, eventId) joined from <c>unnest</c> arrays to its unique index, one index probe an alarm. The
    /// query it replaces gave each column its own <c>= ANY</c> list, which PostgreSQL probed as their product (senders ×
    /// cameras × SNs): the largest item of the database's time under a SIP flood.
    /// </summary>
    public static async Task<List<StoredKey>> StoredAsync(VideoAlertDb db, IReadOnlyList<Alarm> alarms, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(ct);
        try
        {
            var webhook = alarms.Where(a => a.SourceId is not null).ToList();
            await using var select = new NpgsqlCommand("""
                SELECT a."SenderId", a."CameraId", a."Sn", a."DeviceTime", a."SourceId" FROM alarms AS a
                JOIN unnest($1, $2, $3, $4) AS t(sender, camera, sn, device_time)
                    ON a."SenderId" = t.sender AND a."CameraId" = t.camera AND a."Sn" = t.sn AND a."DeviceTime" = t.device_time
                UNION
                SELECT a."SenderId", a."CameraId", a."Sn", a."DeviceTime", a."SourceId" FROM alarms AS a
                JOIN unnest($5, $6) AS w(source, sn) ON a."SourceId" = w.source AND a."Sn" = w.sn
                """, connection);
            select.Parameters.AddRange(new NpgsqlParameter[] {
                Array(alarms.Select(a => a.SenderId), NpgsqlDbType.Text), Array(alarms.Select(a => a.CameraId), NpgsqlDbType.Text),
                Array(alarms.Select(a => a.Sn), NpgsqlDbType.Text), Array(alarms.Select(a => a.DeviceTime), NpgsqlDbType.Timestamp),
                Array(webhook.Select(a => a.SourceId!), NpgsqlDbType.Text), Array(webhook.Select(a => a.Sn), NpgsqlDbType.Text) });
            var stored = new List<StoredKey>();
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                stored.Add(new StoredKey(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetDateTime(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
            return stored;
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The cameras' grouping alerts, locked until commit so no other writer folds into them meanwhile; untracked.</summary>
    private static async Task<List<Alert>> GroupingAlertsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] cameras, CancellationToken ct)
    {
        // The planner takes a small table's sequential scan over an index (a lock's ANY list, the fold's join), but under a
        // flood the alerts table is 2,000 live rows among tens of thousands of dead versions that every scan must visit:
        // a third of the database's time. For the rest of this transaction its statements go by index (SET LOCAL ends
        // with it, so no other work on the pooled connection is affected).
        await using var select = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SET LOCAL enable_seqscan = off"),
                Command("""
                    SELECT "Id", "CameraId", "Kind", "Priority", "Method", "Count", "FirstAt", "LastAt", "OrgPath", "GroupedPublishedAt", "GroupedPublishedCount"
                    FROM alerts WHERE "Grouping" AND "CameraId" = ANY($1) ORDER BY "Id" FOR UPDATE
                    """, new NpgsqlParameter { Value = cameras, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text }),
            },
        };
        var open = new List<Alert>();
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            open.Add(new Alert
            {
                Id = reader.GetGuid(0), CameraId = reader.GetString(1), Kind = reader.GetString(2), Priority = reader.GetInt32(3), Method = reader.GetString(4),
                Count = reader.GetInt32(5), FirstAt = reader.GetDateTime(6), LastAt = reader.GetDateTime(7), OrgPath = reader.GetString(8),
                GroupedPublishedAt = reader.IsDBNull(9) ? null : reader.GetDateTime(9), GroupedPublishedCount = reader.GetInt32(10),
            });
        return open;
    }

    private static NpgsqlBatchCommand InsertAlerts(List<Alert> alerts) => Command("""
        INSERT INTO alerts ("Id", "CameraId", "Kind", "Priority", "Method", "Count", "FirstAt", "LastAt", "Grouping", "Longitude", "Latitude",
            "GridCode", "OrgPath", "Summary", "Status", "EscalationLevel", "RouteAttempts", "GroupedPublishedAt", "GroupedPublishedCount", "Version")
        SELECT id, camera, kind, priority, method, count, first_at, last_at, true, longitude, latitude, grid, org, summary, $14, 0, 0, published_at, published_count, 1
        FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $15, $16)
            AS t(id, camera, kind, priority, method, count, first_at, last_at, longitude, latitude, grid, org, summary, published_at, published_count)
        """,
        Array(alerts.Select(a => a.Id), NpgsqlDbType.Uuid), Array(alerts.Select(a => a.CameraId), NpgsqlDbType.Text),
        Array(alerts.Select(a => a.Kind), NpgsqlDbType.Text), Array(alerts.Select(a => a.Priority), NpgsqlDbType.Integer),
        Array(alerts.Select(a => a.Method), NpgsqlDbType.Text), Array(alerts.Select(a => a.Count), NpgsqlDbType.Integer),
        Array(alerts.Select(a => a.FirstAt), NpgsqlDbType.TimestampTz), Array(alerts.Select(a => a.LastAt), NpgsqlDbType.TimestampTz),
        Array(alerts.Select(a => a.Longitude), NpgsqlDbType.Double), Array(alerts.Select(a => a.Latitude), NpgsqlDbType.Double),
        Array(alerts.Select(a => a.GridCode), NpgsqlDbType.Text), Array(alerts.Select(a => a.OrgPath), NpgsqlDbType.Text),
        Array(alerts.Select(a => a.Summary), NpgsqlDbType.Text), new NpgsqlParameter { Value = AlertStatus.Open, NpgsqlDbType = NpgsqlDbType.Text },
        Array(alerts.Select(a => a.GroupedPublishedAt), NpgsqlDbType.TimestampTz), Array(alerts.Select(a => a.GroupedPublishedCount), NpgsqlDbType.Integer));

    /// <summary>The fold's values are final (computed from the locked rows), so they are set, not incremented.</summary>
    private static NpgsqlBatchCommand UpdateFolded(List<Alert> alerts) => Command("""
        UPDATE alerts AS a SET "Count" = t.count, "LastAt" = t.last_at, "Priority" = t.priority,
            "GroupedPublishedAt" = t.published_at, "GroupedPublishedCount" = t.published_count
        FROM unnest($1, $2, $3, $4, $5, $6) AS t(id, count, last_at, priority, published_at, published_count)
        WHERE a."Id" = t.id
        """,
        Array(alerts.Select(a => a.Id), NpgsqlDbType.Uuid), Array(alerts.Select(a => a.Count), NpgsqlDbType.Integer),
        Array(alerts.Select(a => a.LastAt), NpgsqlDbType.TimestampTz), Array(alerts.Select(a => a.Priority), NpgsqlDbType.Integer),
        Array(alerts.Select(a => a.GroupedPublishedAt), NpgsqlDbType.TimestampTz), Array(alerts.Select(a => a.GroupedPublishedCount), NpgsqlDbType.Integer));

    private static NpgsqlBatchCommand InsertAlarms(IReadOnlyList<Alarm> alarms) => Command("""
        INSERT INTO alarms ("Id", "CameraId", "SenderId", "Sn", "Priority", "Method", "AlarmType", "DeviceTime", "Description", "Longitude", "Latitude",
            "ReceivedAt", "GridCode", "OrgPath", "Source", "SourceId", "Kind", "AlertId")
        SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
        """,
        Array(alarms.Select(a => a.Id), NpgsqlDbType.Uuid), Array(alarms.Select(a => a.CameraId), NpgsqlDbType.Text),
        Array(alarms.Select(a => a.SenderId), NpgsqlDbType.Text), Array(alarms.Select(a => a.Sn), NpgsqlDbType.Text),
        Array(alarms.Select(a => a.Priority), NpgsqlDbType.Integer), Array(alarms.Select(a => a.Method), NpgsqlDbType.Integer),
        Array(alarms.Select(a => a.AlarmType), NpgsqlDbType.Integer), Array(alarms.Select(a => a.DeviceTime), NpgsqlDbType.Timestamp),
        Array(alarms.Select(a => a.Description), NpgsqlDbType.Text), Array(alarms.Select(a => a.Longitude), NpgsqlDbType.Double),
        Array(alarms.Select(a => a.Latitude), NpgsqlDbType.Double), Array(alarms.Select(a => a.ReceivedAt), NpgsqlDbType.TimestampTz),
        Array(alarms.Select(a => a.GridCode), NpgsqlDbType.Text), Array(alarms.Select(a => a.OrgPath), NpgsqlDbType.Text),
        Array(alarms.Select(a => a.Source), NpgsqlDbType.Text), Array(alarms.Select(a => a.SourceId), NpgsqlDbType.Text),
        Array(alarms.Select(a => a.Kind), NpgsqlDbType.Text), Array(alarms.Select(a => a.AlertId), NpgsqlDbType.Uuid));

    private static NpgsqlParameter Array<T>(IEnumerable<T> values, NpgsqlDbType element) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | element };

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }
}
