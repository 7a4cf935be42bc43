using Governance.Contracts.Grid.V1;
using Governance.Testing;
using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Data;
using Governance.VideoAlert.Demo;
using Governance.VideoAlert.Routing;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.EndToEnd.Tests.VideoAlert;

/// <summary>
/// The router's service account against the real identity service, in the standalone composition: the host makes the
/// client video-alert (role video_alert_service) at first start with its secret in the data folder; identity issues a
/// client-credentials token for it; grid takes ReportIncident with that token and refuses what the role does not carry;
/// an open alert in the standalone's database is routed to a grid incident with it; and the demo seeds its cameras at start-up with it.
/// </summary>
public sealed class VideoAlertServiceAccountTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    // Inside the demo's first community (grid's GridDemoSeed tiles 94.86–94.88 E, 36.38–36.40 N).
    private const double Longitude = 94.8705, Latitude = 36.3905;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_standalone_routes_an_alert_to_grid_with_a_narrow_client_credentials_token_from_identity()
    {
        await using var host = await StandaloneProcess.StartAsync();
        await host.WaitUntilUpAsync(StartTimeout);
        var secretFile = Path.Combine(host.DataDirectory, "videoalert-grid-client.secret");
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(secretFile)), Ct), host.Output);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secretFile));

        var tokens = TokenSource(host, secretFile);
        var token = await tokens.GetAsync(Ct);
        Assert.Same(token, await tokens.GetAsync(Ct));
        var wrong = TokenSource(host, secretFile, secret: "not-the-secret");
        await Assert.ThrowsAsync<Governance.Grpc.Client.ServiceAccountTokenUnavailableException>(() => wrong.GetAsync(Ct));

        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{host.GrpcPort}");
        var grid = new GridService.GridServiceClient(channel);
        var auth = new Metadata { { "authorization", $"Bearer {token}" } };
        // The demo draws its grids in the background after start: report once they are there.
        ReportIncidentResponse? reported = null;
        for (var until = DateTime.UtcNow + StartTimeout; reported is null; await Task.Delay(500, Ct))
        {
            try
            {
                reported = await grid.ReportIncidentAsync(new ReportIncidentRequest
                {
                    Source = "video_alert", Category = "safety_hazard", Urgency = "urgent", Title = "视频告警：烟火（测试）",
                    Latitude = Latitude, Longitude = Longitude,
                }, auth, cancellationToken: Ct);
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument && DateTime.UtcNow < until) { }
        }
        Assert.Equal("video_alert", reported.Incident.Source);
        // incident.report is all it carries: reading the incident's timeline is not.
        var refused = await Assert.ThrowsAsync<RpcException>(() => grid.GetTimelineAsync(new GetTimelineRequest { IncidentId = reported.Incident.Id }, auth, cancellationToken: Ct).ResponseAsync);
        Assert.Contains(refused.StatusCode, new[] { StatusCode.PermissionDenied, StatusCode.NotFound });

        // The router in the process does the same for an open alert (written here as grouping would write it).
        var options = new DbContextOptionsBuilder<VideoAlertDb>().UseSqlite($"Data Source={Path.Combine(host.DataDirectory, "videoalert.db")}").Options;
        var alert = new Alert
        {
            Id = Guid.CreateVersion7(), CameraId = "63280100001320009999", Kind = AlertKinds.FireSmoke, Priority = 1, Method = AlertMethods.Video,
            FirstAt = DateTime.UtcNow, LastAt = DateTime.UtcNow, Grouping = false, Longitude = Longitude, Latitude = Latitude, OrgPath = "632801",
        };
        await using (var db = new VideoAlertDb(options))
        {
            db.Alerts.Add(alert);
            await db.SaveChangesAsync(Ct);
        }
        Alert? routed = null;
        Assert.True(await Eventually.HoldsAsync(async () =>
        {
            await using var db = new VideoAlertDb(options);
            routed = await db.Alerts.AsNoTracking().FirstAsync(a => a.Id == alert.Id, Ct);
            return routed.Status == AlertStatus.Routed;
        }, Ct), host.Output);
        Assert.Equal(AlertRoutes.Incident, routed!.RoutedTo);
        Assert.True(Guid.TryParse(routed.RouteTarget, out _));

        // The demo seeded itself at start-up with the same service account: cameras in the demo grids and the demo source, before any play.
        Assert.True(await Eventually.HoldsAsync(async () =>
        {
            await using var db = new VideoAlertDb(options);
            return await db.AlarmSources.AnyAsync(s => s.Name == DemoCameras.SourceName, Ct) && await db.Cameras.AnyAsync(c => c.PlatformId == DemoCameras.PlatformId, Ct);
        }, Ct), host.Output);
    }

    private static ClientCredentialsGridToken TokenSource(StandaloneProcess host, string secretFile, string? secret = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [ClientCredentialsGridToken.EndpointKey] = $"http://127.0.0.1:{host.HttpPort}/connect/token",
            [ClientCredentialsGridToken.ClientIdKey] = "video-alert",
            [ClientCredentialsGridToken.ClientSecretFileKey] = secretFile,
            [ClientCredentialsGridToken.ClientSecretKey] = secret,
        }).Build();
        var http = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        return new ClientCredentialsGridToken(http, configuration, TimeProvider.System);
    }
}
