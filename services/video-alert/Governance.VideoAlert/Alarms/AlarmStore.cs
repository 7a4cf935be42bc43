using Governance.ServiceDefaults.Data;
using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Data;
using Governance.VideoAlert.Devices;
using Governance.VideoAlert.Sip;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Governance.VideoAlert.Alarms;

/// <summary>
/// Stores an alarm as received, committed before it returns (intake answers 200 only then). A copy already stored,
/// resent or arriving at the same moment on another connection, is not stored again; both copies are answered 200.
/// </summary>
public sealed partial class AlarmStore(VideoAlertDb db, AlertGrouping grouping, TimeProvider clock, ILogger<AlarmStore> logger)
{
    public async Task StoreAsync(DeviceId sender, AlarmNotify notify, CancellationToken ct)
    {
        var cameraId = notify.DeviceId.Value;
        var all = await db.Cameras.AsNoTracking().IgnoreQueryFilters().Where(c => c.DeviceId == cameraId || c.DeviceId == sender.Value)
            .Select(c => new { c.DeviceId, c.GridCode, c.OrgPath, Retired = c.RetiredAt != null }).ToListAsync(ct);
        // A retired camera's alarm, even through its platform, is refused as an unknown device's: it raises nothing.
        if (all.Any(c => c.Retired))
            throw new UnknownDeviceException($"Alarm from {sender} about {cameraId}, a retired camera of the registry.");
        var camera = all;
        var own = camera.FirstOrDefault(c => c.DeviceId == cameraId);
        var org = own?.OrgPath ?? camera.FirstOrDefault()?.OrgPath
            ?? await db.Platforms.AsNoTracking().Where(p => p.DeviceId == sender.Value).Select(p => p.OrgPath).FirstOrDefaultAsync(ct)
            ?? throw new UnknownDeviceException($"Alarm from {sender}, which is neither a camera nor a platform of the registry.");
        var alarm = Build(sender, notify, clock.GetUtcNow(), own?.GridCode, org);
        await SaveAsync(alarm, ct);
    }

    /// <summary>The alarm row of a SIP alarm, received at <paramref name="now"/>, its camera in <paramref name="gridCode"/> (null when not registered here) and <paramref name="org"/>.</summary>
    internal static Alarm Build(DeviceId sender, AlarmNotify notify, DateTimeOffset now, string? gridCode, string org) => new()
    {
        Id = Guid.CreateVersion7(now), CameraId = notify.DeviceId.Value, SenderId = sender.Value, Sn = Cap(notify.Sn, Alarm.MaxSnLength)!,
        Priority = notify.Priority, Method = notify.Method, AlarmType = notify.AlarmType,
        DeviceTime = DateTime.SpecifyKind(notify.AlarmTime, DateTimeKind.Unspecified), Description = Cap(notify.Description, Alarm.MaxDescriptionLength),
        Longitude = notify.Longitude, Latitude = notify.Latitude, ReceivedAt = now.UtcDateTime, GridCode = gridCode, OrgPath = org,
    };

    /// <summary>
    /// Stores an alarm built by an intake (SIP above, the webhook), committed before it returns, in one transaction with
    /// the alert it joins or raises (<see cref="AlertGrouping"/>) and that alert's event; false when the same alarm
    /// (sender, camera, SN, device time) was already stored, which the intake answers as a success and which changes
    /// nothing. A unique violation is either that repeat or another alarm raising the same alert at the same moment;
    /// the latter is tried again and then folds into the alert the other one raised.
    /// </summary>
    public async Task<bool> SaveAsync(Alarm alarm, CancellationToken ct)
    {
        var (kind, priority, method) = AlarmNormaliser.Normalise(alarm);
        alarm.Kind = kind;
        var seed = new AlertSeed(alarm.CameraId, kind, priority, method, alarm.ReceivedAt, alarm.Longitude, alarm.Latitude, alarm.GridCode,
            alarm.OrgPath, alarm.Description);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.SaveInOneTransactionAsync(async t =>
                {
                    alarm.AlertId = await grouping.JoinAsync(seed, t);
                    db.Alarms.Add(alarm);
                }, ct);
                return true;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                db.Entry(alarm).State = EntityState.Detached;
                alarm.AlertId = null;
                if (await IsStoredAsync(alarm, ct))
                {
                    LogRepeated(logger, alarm.Sn, alarm.CameraId, alarm.SenderId);
                    return false;
                }
                if (attempt == MaxAttempts) throw;
            }
        }
    }

    /// <summary>Enough for every alarm of a burst on one camera and kind: after one lost race the alert exists and they fold.</summary>
    private const int MaxAttempts = 4;

    private Task<bool> IsStoredAsync(Alarm alarm, CancellationToken ct) =>
        db.Alarms.AnyAsync(a => a.SenderId == alarm.SenderId && a.CameraId == alarm.CameraId && a.Sn == alarm.Sn && a.DeviceTime == alarm.DeviceTime, ct);

    private static string? Cap(string? text, int length) => text is null || text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Information, Message = "Alarm SN {Sn} of {Camera} from {Sender} was already stored; the repeat is answered and not stored again")]
    private static partial void LogRepeated(ILogger logger, string sn, string camera, string sender);
}
