using System.Globalization;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Data;
using Governance.VideoAlert.Webhook;
using Microsoft.EntityFrameworkCore;

namespace Governance.VideoAlert.Demo;

/// <summary>
/// Plays a few alarms for a newcomer through the webhook's own intake (<see cref="WebhookIntake.AcceptAsync"/>: the
/// same checks, store, duplicate rule and grouping as a box's POST, without the HTTP hop and its key): fire and smoke,
/// priority 1, on a key-area camera; a burst of repeats of it (each its own event, which grouping folds into one alert,
/// and one resent, which is stored once); and a video loss on another camera. Needs camera.manage over the caller's org.
/// </summary>
public sealed class DemoPlayer(VideoAlertDb db, DemoCameras cameras, WebhookIntake intake, RolePermissions permissions, TimeProvider clock)
{
    public const int Repeats = 5;

    public sealed record Played(string SourceId, IReadOnlyList<PlayedAlarm> Alarms);

    public sealed record PlayedAlarm(string EventId, string CameraId, string Kind, int Priority, Guid AlarmId, bool Stored);

    public async Task<Played> PlayAsync(Caller caller, CancellationToken ct)
    {
        await permissions.EnsurePermittedAsync(caller, VideoAlertPermissions.CameraManage, DemoCameras.Org(caller), ct);
        var source = await cameras.EnsureAsync(caller, ct);
        var org = source.OrgPath;
        var live = db.Cameras.AsNoTracking().WithinSubtree(c => c.OrgPath, org).Where(c => c.Status != CameraStatus.Offline)
            .OrderBy(c => c.DeviceId);
        var keyArea = await live.FirstOrDefaultAsync(c => c.KeyArea, ct)
            ?? throw DomainException.Unavailable("The demo has no key-area camera online to play on.");
        var other = await live.FirstOrDefaultAsync(c => c.DeviceId != keyArea.DeviceId, ct) ?? keyArea;

        var now = clock.GetUtcNow();
        // Each play its own events: two plays in one second must not read as a box resending.
        var run = Guid.NewGuid().ToString("n")[..10];
        var played = new List<PlayedAlarm>();
        async Task PlayAsync(string eventId, Camera camera, string kind, int priority, string description, TimeSpan ago)
        {
            var at = (now - ago).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
            var (answer, stored) = await intake.AcceptAsync(source, new WebhookAlarm(camera.DeviceId, eventId, kind, priority, at, description), ct);
            played.Add(new PlayedAlarm(eventId, camera.DeviceId, kind, priority, answer.AlarmId, stored));
        }

        await PlayAsync($"demo-{run}-fire", keyArea, AlertKinds.FireSmoke, 1, "演示：检测到烟火", TimeSpan.FromSeconds(Repeats + 1));
        for (var i = 1; i <= Repeats; i++)
            await PlayAsync($"demo-{run}-fire-{i}", keyArea, AlertKinds.FireSmoke, 1, "演示：烟火持续", TimeSpan.FromSeconds(Repeats + 1 - i));
        // A box that lost the answer sends the same event again: stored once.
        await PlayAsync($"demo-{run}-fire-{Repeats}", keyArea, AlertKinds.FireSmoke, 1, "演示：烟火持续", TimeSpan.Zero);
        await PlayAsync($"demo-{run}-video-loss", other, AlertKinds.VideoLoss, 3, "演示：视频信号丢失", TimeSpan.Zero);
        return new Played(source.Id, played);
    }
}
