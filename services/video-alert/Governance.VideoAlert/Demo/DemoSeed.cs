using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Data;
using Governance.VideoAlert.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.VideoAlert.Demo;

/// <summary>
/// The standalone demo's cameras and source at start-up, so the console shows them before anyone plays: once identity
/// gives the service account (<c>video-alert</c>, client credentials) a token and grid has drawn the demo county, the
/// lattice is placed with grid's LocateGrid asked as that account (<see cref="CameraPlacement.AskWith"/>) and
/// <see cref="DemoCameras"/> seeds as a system caller with the admin role at the county's root. Both come up with the
/// same process, so it tries every <see cref="Pause"/>, at most <see cref="Attempts"/> times, then leaves it to the
/// first play. Idempotent: nothing happens when the demo source exists. Without a service account configured
/// (<c>VideoAlert:Grid:TokenEndpoint</c>) it does not run, and the admin's first play seeds.
/// </summary>
internal sealed partial class DemoSeed(IServiceScopeFactory scopes, IOptions<DemoOptions> options, IConfiguration configuration, IGridToken token,
    ILogger<DemoSeed> logger) : BackgroundService
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(5);
    private const int Attempts = 60;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled || configuration[ClientCredentialsGridToken.EndpointKey] is not { Length: > 0 }) return;
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                await Task.Delay(Pause, stoppingToken);
                if (await SeedOnceAsync(stoppingToken)) return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Identity or grid not up yet (no token, grid not drawn): the next attempt asks again.
                LogNotYet(logger, attempt, e.GetType().Name, e.Message);
            }
        }
        LogGaveUp(logger, Attempts);
    }

    /// <summary>True once the demo source exists (seeded now or before).</summary>
    private async Task<bool> SeedOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<VideoAlertDb>();
        if (await db.AlarmSources.AnyAsync(s => s.Name == DemoCameras.SourceName && s.RevokedAt == null, ct)) return true;
        var placement = services.GetRequiredService<CameraPlacement>();
        placement.AskWith(await token.GetAsync(ct));
        var root = await RootAsync(placement, ct);
        var system = new Caller("video-alert-demo-seed", root, new HashSet<string> { "admin" }, new HashSet<string>(), "demo-seed");
        var source = await services.GetRequiredService<DemoCameras>().EnsureAsync(system, ct);
        LogSeeded(logger, await db.Cameras.CountAsync(c => c.OrgPath.StartsWith(source.OrgPath), ct), source.OrgPath);
        return true;
    }

    /// <summary>The root of the org tree the demo grids lie in: the first segment of the first lattice point grid places.</summary>
    private static async Task<OrgPath> RootAsync(CameraPlacement placement, CancellationToken ct)
    {
        foreach (var (longitude, latitude) in DemoCameras.Lattice())
        {
            try
            {
                var (_, org) = await placement.GridOfAsync(longitude, latitude, ct);
                return OrgPath.Parse(org.Value.Split('/')[0]);
            }
            catch (DomainException e) when (e.Kind == DomainErrorKind.Invalid)
            {
                // This point lies in no grid: the next one.
            }
        }
        throw DomainException.Unavailable("No demo grid answered yet: wait until the grid service has drawn the demo county, then play again.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Video-alert demo seed not yet possible (attempt {Attempt}): {Kind}: {Reason}")]
    private static partial void LogNotYet(ILogger logger, int attempt, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Video-alert demo seed gave up after {Attempts} attempts; the admin's first demo play seeds instead")]
    private static partial void LogGaveUp(ILogger logger, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Video-alert demo seeded: {Cameras} cameras under {Org}")]
    private static partial void LogSeeded(ILogger logger, int cameras, string org);
}
