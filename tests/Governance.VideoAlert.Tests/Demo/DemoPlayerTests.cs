using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.VideoAlert;
using Governance.VideoAlert.Alarms;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Demo;
using Governance.VideoAlert.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Governance.VideoAlert.Tests.Infrastructure.VideoAlertHost;

namespace Governance.VideoAlert.Tests.Demo;

/// <summary>
/// The standalone demo on SQLite, as the standalone host runs it, with a real grid host: the admin's first play seeds
/// cameras at points inside the grids (public and social, key areas, some behind a platform, some offline) and the demo
/// source, then plays fire and smoke with repeats and a video loss through the webhook intake; a second play seeds
/// nothing more.
/// </summary>
public sealed class DemoPlayerTests() : GridAndVideoAlertHosts(new Dictionary<string, string?> { ["VideoAlert:Demo:Enabled"] = "true" }, sqlite: true)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_admins_play_seeds_demo_cameras_in_the_grids_once_and_plays_alarms_through_the_webhook_intake()
    {
        using (var leader = await As("grid_leader", County).PostAsync("/api/videoalert/demo/play", null, Ct))
            Assert.Equal(HttpStatusCode.Forbidden, leader.StatusCode);
        Assert.Equal(0, await Host.QueryAsync(db => db.Cameras.CountAsync(Ct)));

        var admin = As("admin", County);
        using var first = await admin.PostAsync("/api/videoalert/demo/play", null, Ct);
        var played = JsonDocument.Parse(await first.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.True(first.StatusCode == HttpStatusCode.OK, played.GetRawText());
        var alarms = played.GetProperty("alarms").EnumerateArray().ToList();
        Assert.Equal(DemoPlayer.Repeats + 3, alarms.Count);
        Assert.Equal(DemoPlayer.Repeats + 2, alarms.Count(a => a.GetProperty("stored").GetBoolean()));
        Assert.Equal(["fire_smoke", "video_loss"], alarms.Select(a => a.GetProperty("kind").GetString()).Distinct().Order());

        // The grid host's two grids (0.02° x 0.01°) hold 8 lattice points: 8 cameras, in both grids, with every kind of the mix.
        var cameras = await Host.QueryAsync(db => db.Cameras.AsNoTracking().OrderBy(c => c.DeviceId).ToListAsync(Ct));
        Assert.Equal(8, cameras.Count);
        Assert.Equal([Grid1, Grid2], cameras.Select(c => c.OrgPath).Distinct().Order());
        Assert.Contains(cameras, c => c.Owner == CameraChecks.Social);
        Assert.Contains(cameras, c => c.KeyArea);
        Assert.Contains(cameras, c => c.PlatformId == DemoCameras.PlatformId && c.SipPassword is null);
        var offline = Assert.Single(cameras, c => c.Status == CameraStatus.Offline);
        Assert.True(offline.LastSeenAt < DateTime.UtcNow.AddDays(-1));
        await Host.Events.WaitForAsync<CameraRegistered>(e => e.DeviceId == cameras[^1].DeviceId);

        var fire = alarms[0].GetProperty("cameraId").GetString();
        Assert.True(cameras.Single(c => c.DeviceId == fire).KeyArea);
        var stored = await Host.QueryAsync(db => db.Alarms.AsNoTracking().Where(a => a.Source == AlarmSources.Webhook).ToListAsync(Ct));
        Assert.Equal(DemoPlayer.Repeats + 2, stored.Count);
        Assert.All(stored, a => Assert.Equal(played.GetProperty("sourceId").GetString(), a.SourceId));

        // Played again: the same cameras and source, new alarms.
        using var second = await admin.PostAsync("/api/videoalert/demo/play", null, Ct);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(8, await Host.QueryAsync(db => db.Cameras.CountAsync(Ct)));
        Assert.Equal(1, await Host.QueryAsync(db => db.AlarmSources.CountAsync(Ct)));
        Assert.Equal(2 * (DemoPlayer.Repeats + 2), await Host.QueryAsync(db => db.Alarms.CountAsync(Ct)));
    }
}
