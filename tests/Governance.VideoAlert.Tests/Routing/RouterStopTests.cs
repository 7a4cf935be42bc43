using Governance.Testing;
using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Routing;
using Governance.VideoAlert.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Governance.VideoAlert.Tests.Infrastructure.VideoAlertHost;

namespace Governance.VideoAlert.Tests.Routing;

/// <summary>A real grid host behind a gate that can hold grid's answers back, and a video-alert host routing to it.</summary>
public sealed class RouterStopFixture() : GatedGridAndVideoAlertHosts(new Dictionary<string, string?>
{
    ["VideoAlert:Routing:PollInterval"] = "00:00:00.200", ["Logging:LogLevel:Default"] = "Warning",
}, CameraBodies.Body());

/// <summary>
/// The router stopping with its host while grid has not answered a ReportIncident: grpc-dotnet ends the call with
/// RpcException(Cancelled), not OperationCanceledException, and the router must still end as a stop, not a failure
/// (a faulted background service is logged as critical and, by the host's default, stops the host). The alert stays
/// open; its lease runs out and a router takes it again.
/// </summary>
public sealed class RouterStopTests(RouterStopFixture f) : IClassFixture<RouterStopFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stopping_while_grid_holds_a_report_ends_the_router_cleanly_and_leaves_the_alert_open()
    {
        f.Gate.Hold();
        try
        {
            var now = f.Host.Clock.GetUtcNow().UtcDateTime;
            var (longitude, latitude) = GridForCameras.InGrid1;
            var alert = new Alert
            {
                Id = Guid.CreateVersion7(), CameraId = CameraBodies.Camera1, Kind = AlertKinds.FireSmoke, Priority = 1, Method = AlertMethods.Video,
                FirstAt = now, LastAt = now, Grouping = false, Longitude = longitude, Latitude = latitude, OrgPath = Grid1, Summary = "画面检测到烟雾",
                Status = AlertStatus.Open,
            };
            await f.Host.SeedAsync(db => db.Alerts.Add(alert));
            // The router claimed the alert and its call to grid opened a connection that the gate holds: the call is in flight.
            Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(f.Gate.Held > 0), Ct), "the report did not reach the gate");

            var router = f.Host.Services.GetServices<IHostedService>().OfType<AlertRouter>().Single();
            await router.StopAsync(Ct);

            Assert.True(router.ExecuteTask!.IsCompletedSuccessfully, router.ExecuteTask.Exception?.ToString() ?? router.ExecuteTask.Status.ToString());
            var stored = await f.Host.QueryAsync(db => db.Alerts.AsNoTracking().FirstAsync(a => a.Id == alert.Id, Ct));
            Assert.Equal(AlertStatus.Open, stored.Status);
            Assert.Null(stored.RoutedAt);
        }
        finally
        {
            f.Gate.Open();
        }
    }
}
