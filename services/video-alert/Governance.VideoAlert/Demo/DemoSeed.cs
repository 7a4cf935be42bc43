using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Governance.VideoAlert.Alerts;
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
        try
        {
            await PlayAndAcknowledgeAsync(system, source.OrgPath, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The cameras are there; the next attempt would find the source and stop, so say why there is no demo alert.
            LogNotAcknowledged(logger, $"{e.GetType().Name}: {e.Message}");
        }
        return true;
    }

    /// <summary>
    /// Plays the demo's alarms once (<see cref="DemoPlayer"/>) and, once routing has given them a deadline, acknowledges the
    /// first alert as the centre's operator would (<see cref="AlertAcknowledgment"/>, alert.acknowledge), so the console shows an acknowledged alert next
    /// to an open one and assessment's alert acknowledgment rate has something to count. A routing that changed the alert
    /// meanwhile (its version) is read again; after a minute without routing it is left open.
    /// </summary>
    private async Task PlayAndAcknowledgeAsync(Caller system, string org, CancellationToken ct)
    {
        var operatorCaller = new Caller("demo-centre-operator", system.OrgPath, new HashSet<string> { "centre_operator" }, new HashSet<string>(), "demo-seed");
        await using (var scope = scopes.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoPlayer>().PlayAsync(system, ct);
        for (var attempt = 0; attempt < 60; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            await using var scope = scopes.CreateAsyncScope();
            var alert = await scope.ServiceProvider.GetRequiredService<VideoAlertDb>().Alerts.AsNoTracking()
                .Where(a => a.OrgPath.StartsWith(org) && a.Status == AlertStatus.Routed).OrderBy(a => a.FirstAt).FirstOrDefaultAsync(ct);
            if (alert is null) continue;
            try
            {
                await scope.ServiceProvider.GetRequiredService<AlertAcknowledgment>().AcknowledgeAsync(operatorCaller, alert.Id, alert.Version, ct);
                LogAcknowledged(logger, alert.Id);
                return;
            }
            catch (DomainException e) when (e.Kind == DomainErrorKind.RuleViolated)
            {
                // Changed meanwhile (routed again, an alarm folded in): read it again.
            }
        }
        LogNotAcknowledged(logger, "no demo alert was routed within a minute");
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Video-alert DEMO seed: alert {AlertId} acknowledged by the demo. Demo data only.")]
    private static partial void LogAcknowledged(ILogger logger, Guid alertId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Video-alert demo seed: no demo alert acknowledged ({Reason})")]
    private static partial void LogNotAcknowledged(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Video-alert demo seeded: {Cameras} cameras under {Org}")]
    private static partial void LogSeeded(ILogger logger, int cameras, string org);
}
