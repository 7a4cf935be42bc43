using System.Net;
using System.Net.Http.Json;
using Governance.Contracts.VideoAlert;
using Governance.VideoAlert.Alarms;
using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Devices;
using Governance.VideoAlert.Sip;
using Governance.VideoAlert.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.VideoAlert.Tests.Infrastructure.VideoAlertHost;

namespace Governance.VideoAlert.Tests.Alarms;

/// <summary>The hosts of a batcher test class: a grid and a video-alert host on PostgreSQL or SQLite, with eight cameras.</summary>
public abstract class BatcherHosts(bool sqlite) : GridAndVideoAlertHosts(new Dictionary<string, string?> { ["VideoAlert:Alerts:GroupingWindow"] = "00:05:00" },
    sqlite, cameras: [.. Cameras.Select(camera => CameraBodies.Body(camera))])
{
    public static readonly string[] Cameras = Enumerable.Range(21, 8).Select(i => $"632801000013200000{i}").ToArray();
}

public sealed class PostgresBatcherHosts() : BatcherHosts(sqlite: false);

public sealed class SqliteBatcherHosts() : BatcherHosts(sqlite: true);

/// <summary>On PostgreSQL, as the cluster runs.</summary>
public sealed class AlarmBatcherPostgresTests(PostgresBatcherHosts hosts) : AlarmBatcherTests(hosts), IClassFixture<PostgresBatcherHosts>;

/// <summary>On SQLite, as the standalone runs.</summary>
public sealed class AlarmBatcherSqliteTests(SqliteBatcherHosts hosts) : AlarmBatcherTests(hosts), IClassFixture<SqliteBatcherHosts>;

/// <summary>
/// The batched intake (AlarmBatcher, AlarmBatchWriter) stores concurrent alarms with AlarmStore's rules: every alarm
/// counted in its camera and kind's alert, a repeat within a batch or across batches stored once, an alarm that cannot
/// be stored failing alone, a caller that gave up answered cancelled. Each scenario has its own camera(s).
/// </summary>
public abstract class AlarmBatcherTests(BatcherHosts hosts)
{
    private readonly VideoAlertHost _host = hosts.Host;
    private static readonly string[] Cameras = BatcherHosts.Cameras;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AlarmBatcher Batcher => _host.Services.GetRequiredService<AlarmBatcher>();

    private DateTime Now => _host.Clock.GetUtcNow().UtcDateTime;

    /// <param name="source">A webhook source: the alarm came from it, its SN the source's eventId.</param>
    private static Alarm Alarm(string camera, string sn, DateTime at, int type = 6, int priority = 3, string? source = null, int method = 5) => new()
    {
        Id = Guid.CreateVersion7(), CameraId = camera, SenderId = source ?? camera, Sn = sn, Priority = priority, Method = method, AlarmType = type,
        DeviceTime = new DateTime(2026, 11, 29, 8, 0, 0), ReceivedAt = at, GridCode = "632801001002001", OrgPath = Grid1,
        Source = source is null ? AlarmSources.Sip : AlarmSources.Webhook, SourceId = source,
    };

    private async Task<bool[]> WriteOneBatchAsync(params AlarmIntake[] items)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AlarmBatchWriter>().WriteAsync(items, Ct);
        return items.Select(i => i.Stored ?? throw i.Failure!).ToArray();
    }

    private Task<List<Alert>> AlertsOfAsync(string camera) =>
        _host.QueryAsync(db => db.Alerts.AsNoTracking().Where(a => a.CameraId == camera).OrderBy(a => a.Kind).ToListAsync(Ct));

    [Fact]
    public async Task Many_concurrent_alarms_across_cameras_and_kinds_fold_into_one_alert_each_with_every_alarm_counted()
    {
        var at = Now;
        var cameras = Cameras[..2];
        // 2 cameras × 2 kinds (intrusion 6, abandoned object 3) × 30 alarms, queued at once from 120 callers; one priority 1.
        var alarms = Enumerable.Range(0, 120).Select(i => Alarm(cameras[i % 2], $"M{i}", at.AddMilliseconds(i), type: i / 2 % 2 == 0 ? 6 : 3,
            priority: i == 77 ? 1 : 3)).ToList();

        var stored = await Task.WhenAll(alarms.Select(a => Batcher.SaveAsync(a, Ct)));

        Assert.All(stored, Assert.True);
        foreach (var camera in cameras)
        {
            var alerts = await AlertsOfAsync(camera);
            Assert.Equal([("abandoned_object", 30), ("intrusion", 30)], alerts.Select(a => (a.Kind, a.Count)));
            foreach (var alert in alerts)
            {
                var folded = await _host.QueryAsync(db => db.Alarms.AsNoTracking().Where(a => a.AlertId == alert.Id).ToListAsync(Ct));
                Assert.Equal(30, folded.Count);
                Assert.All(folded, a => Assert.Equal((camera, alert.Kind), (a.CameraId, a.Kind)));
                Assert.Equal((folded.Min(a => a.ReceivedAt), folded.Max(a => a.ReceivedAt)), (alert.FirstAt, alert.LastAt));
                Assert.Equal(folded.Any(a => a.Sn == "M77") ? 1 : 3, alert.Priority);
                // The alarms carry no place: the alert is at the camera's point.
                Assert.Equal(GridForCameras.InGrid1, (alert.Longitude!.Value, alert.Latitude!.Value));
                Assert.Single(await _host.Events.AllAsync<AlertRaised>(e => e.AlertId == alert.Id));
                // At most one AlertGrouped a second while the burst lasted, and the count it ended at reaches subscribers.
                await _host.Events.WaitForAsync<AlertGrouped>(e => e.AlertId == alert.Id && e.Count == 30);
            }
        }
    }

    [Fact]
    public async Task A_repeat_inside_one_batch_and_across_batches_is_stored_once_and_answered_as_not_stored()
    {
        var camera = Cameras[2];
        var first = Alarm(camera, "D1", Now);
        var again = Alarm(camera, "D1", Now);
        var webhook = Alarm(camera, "evt-1", Now, source: "box-1");
        // The same eventId from the same source is a repeat whatever else differs.
        var webhookAgain = Alarm(Cameras[3], "evt-1", Now.AddSeconds(1), source: "box-1");

        var inOneBatch = await WriteOneBatchAsync(new(first), new(again), new(Alarm(camera, "D2", Now)), new(webhook), new(webhookAgain));
        Assert.Equal([true, false, true, true, false], inOneBatch);
        var inTheNext = await WriteOneBatchAsync(new(Alarm(camera, "D1", Now)), new(Alarm(camera, "D3", Now)), new(Alarm(camera, "D2", Now)));
        Assert.Equal([false, true, false], inTheNext);
        Assert.False(await Batcher.SaveAsync(Alarm(camera, "D3", Now), Ct));

        var stored = await _host.QueryAsync(db => db.Alarms.AsNoTracking().Where(a => a.CameraId == camera).Select(a => a.Sn).OrderBy(s => s).ToListAsync(Ct));
        Assert.Equal(["D1", "D2", "D3", "evt-1"], stored);
        Assert.Equal(4, Assert.Single(await AlertsOfAsync(camera)).Count);
        Assert.Empty(await AlertsOfAsync(Cameras[3]));
    }

    [Fact]
    public async Task An_alarm_that_cannot_be_stored_fails_alone_and_the_rest_of_its_batch_is_stored()
    {
        var camera = Cameras[4];
        // A SIP alarm from a sender the registry does not know is refused within the batch.
        var stranger = new AlarmIntake(DeviceId.Parse("63280100001329999999"),
            new AlarmNotify("S1", DeviceId.Parse("63280100001329999999"), 2, 5, new DateTime(2026, 11, 29, 8, 0, 0), null, null, null, 6), Now);
        var good = new AlarmIntake(Alarm(camera, "G1", Now));
        await using (var scope = _host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<AlarmBatchWriter>().WriteAsync([stranger, good], Ct);
        Assert.IsType<UnknownDeviceException>(stranger.Failure); // answered 404 by the intake: no retry helps
        Assert.True(good.Stored);

        // One whose row the database refuses (no SN) fails the batch's save: its batch is stored one by one and it fails alone.
        var broken = Alarm(camera, null!, Now);
        var others = Enumerable.Range(2, 20).Select(i => Alarm(camera, $"G{i}", Now)).ToList();
        var saves = others.Take(10).Append(broken).Concat(others.Skip(10)).Select(a => Batcher.SaveAsync(a, Ct)).ToList();

        await Assert.ThrowsAsync<DbUpdateException>(() => saves[10]);
        Assert.All(await Task.WhenAll(saves.Where((_, i) => i != 10)), Assert.True);
        Assert.Equal(21, Assert.Single(await AlertsOfAsync(camera)).Count);
        Assert.Equal(21, await _host.QueryAsync(db => db.Alarms.CountAsync(a => a.CameraId == camera, Ct)));
    }

    [Fact]
    public async Task An_alarm_past_the_window_raises_a_new_alert_and_a_flapping_cameras_device_fault_folds_into_its_flapping_alert()
    {
        var (camera, flapping) = (Cameras[6], Cameras[7]);
        var now = Now;
        var at = new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc);   // PostgreSQL keeps microseconds
        var flappingAlert = new Alert
        {
            Id = Guid.CreateVersion7(), CameraId = flapping, Kind = AlertKinds.DeviceFlapping, Method = AlertMethods.DeviceFault, Priority = 3,
            Count = 4, FirstAt = at, LastAt = at, OrgPath = Grid1,
        };
        await _host.QueryAsync(async db =>
        {
            db.Alerts.Add(flappingAlert);
            return await db.SaveChangesAsync(Ct);
        });

        // Two batches within the window, then one 6 minutes on (the window is 5) with a higher priority, and a video loss
        // (method 2, type 1) of the flapping camera in the same batch.
        Assert.Equal(new[] { true, true }, await WriteOneBatchAsync(new(Alarm(camera, "W1", at)), new(Alarm(camera, "W2", at.AddMinutes(1)))));
        Assert.Equal(new[] { true }, await WriteOneBatchAsync(new AlarmIntake(Alarm(camera, "W3", at.AddMinutes(2)))));
        Assert.Equal(new[] { true, true, true }, await WriteOneBatchAsync(new(Alarm(camera, "W4", at.AddMinutes(8), priority: 1)),
            new(Alarm(camera, "W5", at.AddMinutes(8).AddSeconds(1))), new(Alarm(flapping, "F1", at.AddMinutes(1), type: 1, method: 2))));

        var alerts = await _host.QueryAsync(db => db.Alerts.AsNoTracking().Where(a => a.CameraId == camera).OrderBy(a => a.FirstAt).ToListAsync(Ct));
        Assert.Equal([(3, false, at, at.AddMinutes(2), 3), (2, true, at.AddMinutes(8), at.AddMinutes(8).AddSeconds(1), 1)],
            alerts.Select(a => (a.Count, a.Grouping, a.FirstAt, a.LastAt, a.Priority)));
        Assert.Equal(["W1", "W2", "W3"], await _host.QueryAsync(db =>
            db.Alarms.AsNoTracking().Where(a => a.AlertId == alerts[0].Id).OrderBy(a => a.Sn).Select(a => a.Sn).ToListAsync(Ct)));
        Assert.Equal(2, await _host.QueryAsync(db => db.Alarms.CountAsync(a => a.AlertId == alerts[1].Id, Ct)));
        await _host.Events.WaitForAsync<AlertRaised>(e => e.AlertId == alerts[1].Id);
        await _host.Events.WaitForAsync<AlertGrouped>(e => e.AlertId == alerts[0].Id && e.Count == 3);

        var flapped = Assert.Single(await AlertsOfAsync(flapping));
        Assert.Equal((flappingAlert.Id, 5, at.AddMinutes(1)), (flapped.Id, flapped.Count, flapped.LastAt));
        var fault = await _host.QueryAsync(db => db.Alarms.AsNoTracking().SingleAsync(a => a.CameraId == flapping, Ct));
        Assert.Equal((AlertKinds.VideoLoss, flappingAlert.Id), (fault.Kind, fault.AlertId));
    }

    [Fact]
    public async Task A_caller_that_gave_up_is_answered_cancelled_and_its_alarm_is_not_stored()
    {
        var camera = Cameras[5];
        using var gaveUp = new CancellationTokenSource();
        await gaveUp.CancelAsync();

        var cancelled = Batcher.SaveAsync(Alarm(camera, "X1", Now), gaveUp.Token);
        var kept = Batcher.SaveAsync(Alarm(camera, "X2", Now), Ct);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.True(await kept);
        Assert.Equal(["X2"], await _host.QueryAsync(db => db.Alarms.AsNoTracking().Where(a => a.CameraId == camera).Select(a => a.Sn).ToListAsync(Ct)));
    }
}
