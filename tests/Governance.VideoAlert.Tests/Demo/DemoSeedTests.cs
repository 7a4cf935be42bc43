using System.Net;
using Governance.Testing;
using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Demo;
using Governance.VideoAlert.Routing;
using Governance.VideoAlert.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.VideoAlert.Tests.Infrastructure.VideoAlertHost;

namespace Governance.VideoAlert.Tests.Demo;

/// <summary>
/// With a service account configured, the demo seeds at start-up, before any play: grid's LocateGrid asked with the
/// service account's token (the narrow video_alert_service role), cameras in the grids, the platform and the source,
/// once, then plays once and acknowledges the first routed alert; the admin's play then plays on them without seeding again.
/// </summary>
public sealed class DemoSeedTests() : GridAndVideoAlertHosts(new Dictionary<string, string?>
{
    ["VideoAlert:Demo:Enabled"] = "true", [ClientCredentialsGridToken.EndpointKey] = "http://127.0.0.1:9/connect/token",
}, sqlite: true, routerToken: true)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;


    [Fact]
    public async Task The_demo_seeds_at_start_up_as_the_service_account_once()
    {
        Assert.True(await Eventually.HoldsAsync(() => Host.QueryAsync(db => db.AlarmSources.AnyAsync(s => s.Name == DemoCameras.SourceName, Ct)), Ct),
            "the demo source was not seeded at start-up");
        var cameras = await Host.QueryAsync(db => db.Cameras.AsNoTracking().ToListAsync(Ct));
        Assert.Equal(8, cameras.Count);
        Assert.Equal([Grid1, Grid2], cameras.Select(c => c.OrgPath).Distinct().Order());
        Assert.Contains(cameras, c => c.PlatformId == DemoCameras.PlatformId);
        Assert.All(cameras, c => Assert.Equal("video-alert-demo-seed", c.RegisteredBy));
        Assert.Equal(County, (await Host.QueryAsync(db => db.AlarmSources.AsNoTracking().SingleAsync(Ct))).OrgPath);
        // The seed plays once itself and acknowledges the first routed alert as the centre's operator would (the console,
        // and assessment's acknowledgment rate, then have an acknowledged alert beside an open one).
        // Routing runs in the background; the seed waits up to a minute for it, and so does this.
        var until = DateTime.UtcNow.AddSeconds(90);
        while (!await Host.QueryAsync(db => db.Alerts.AnyAsync(a => a.Status == AlertStatus.Acknowledged, Ct)) && DateTime.UtcNow < until)
            await Task.Delay(100, Ct);
        var alerts = await Host.QueryAsync(db => db.Alerts.AsNoTracking().ToListAsync(Ct));
        Assert.Equal("demo-centre-operator", Assert.Single(alerts, a => a.Status == AlertStatus.Acknowledged).AcknowledgedBy);
        Assert.Contains(alerts, a => a.Status != AlertStatus.Acknowledged);

        using var admin = Host.Client(Grid.Issuer.TokenFor("admin-1", County, ["admin"]));
        using var played = await admin.PostAsync("/api/videoalert/demo/play", null, Ct);
        Assert.Equal(HttpStatusCode.OK, played.StatusCode);
        Assert.Equal(8, await Host.QueryAsync(db => db.Cameras.CountAsync(Ct)));
        Assert.Equal(1, await Host.QueryAsync(db => db.AlarmSources.CountAsync(Ct)));
    }
}
