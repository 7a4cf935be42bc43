using Governance.ServiceDefaults.Data;
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
public sealed partial class AlarmStore(VideoAlertDb db, TimeProvider clock, ILogger<AlarmStore> logger)
{
    public async Task StoreAsync(DeviceId sender, AlarmNotify notify, CancellationToken ct)
    {
        var cameraId = notify.DeviceId.Value;
        var camera = await db.Cameras.AsNoTracking().Where(c => c.DeviceId == cameraId || c.DeviceId == sender.Value)
            .Select(c => new { c.DeviceId, c.GridCode, c.OrgPath }).ToListAsync(ct);
        var own = camera.FirstOrDefault(c => c.DeviceId == cameraId);
        var org = own?.OrgPath ?? camera.FirstOrDefault()?.OrgPath
            ?? await db.Platforms.AsNoTracking().Where(p => p.DeviceId == sender.Value).Select(p => p.OrgPath).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"Alarm from {sender}, which is neither a camera nor a platform of the registry.");
        var now = clock.GetUtcNow();
        var alarm = new Alarm
        {
            Id = Guid.CreateVersion7(now), CameraId = cameraId, SenderId = sender.Value, Sn = Cap(notify.Sn, Alarm.MaxSnLength)!,
            Priority = notify.Priority, Method = notify.Method, AlarmType = notify.AlarmType,
            DeviceTime = DateTime.SpecifyKind(notify.AlarmTime, DateTimeKind.Unspecified), Description = Cap(notify.Description, Alarm.MaxDescriptionLength),
            Longitude = notify.Longitude, Latitude = notify.Latitude, ReceivedAt = now.UtcDateTime, GridCode = own?.GridCode, OrgPath = org,
        };
        await SaveAsync(alarm, ct);
    }

    /// <summary>
    /// Stores an alarm built by an intake (SIP above, the webhook), committed before it returns; false when the same
    /// alarm (sender, camera, SN, device time) was already stored, which the intake answers as a success.
    /// </summary>
    public async Task<bool> SaveAsync(Alarm alarm, CancellationToken ct)
    {
        db.Alarms.Add(alarm);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.Entry(alarm).State = EntityState.Detached;
            LogRepeated(logger, alarm.Sn, alarm.CameraId, alarm.SenderId);
            return false;
        }
    }

    private static string? Cap(string? text, int length) => text is null || text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Information, Message = "Alarm SN {Sn} of {Camera} from {Sender} was already stored; the repeat is answered and not stored again")]
    private static partial void LogRepeated(ILogger logger, string sn, string camera, string sender);
}
