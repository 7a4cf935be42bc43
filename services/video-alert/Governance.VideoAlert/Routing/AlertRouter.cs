using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.VideoAlert.Routing;

/// <summary>
/// Routes open alerts as they come: woken by <see cref="AlertCommitSignal"/> the moment one is committed, and polling
/// every <see cref="RoutingOptions.PollInterval"/> for those the signal cannot see (another replica's, a crash between
/// an alert's commit and its routing, alerts waiting out a backoff). Up to <see cref="RoutingOptions.Parallelism"/>
/// alerts are in flight at once, each in its own scope (<see cref="AlertRouting"/>), and the pipeline is kept full: as
/// soon as one finishes its slot claims the next due alerts, so a slow grid call holds only its own slot and new alerts
/// never wait for a whole round to finish. Free slots are filled by one claim of as many alerts.
/// </summary>
public sealed partial class AlertRouter(IServiceScopeFactory scopes, AlertCommitSignal signal, IOptions<RoutingOptions> options, ILogger<AlertRouter> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var parallelism = options.Value.Parallelism;
        using var slots = new SemaphoreSlim(parallelism, parallelism);
        var inFlight = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken);
                var free = 1;
                while (free < parallelism && slots.Wait(0)) free++;
                var claimed = 0;
                try
                {
                    claimed = await ClaimAndStartAsync(free, slots, inFlight, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, e);
                }
                if (free > claimed) slots.Release(free - claimed);
                inFlight.RemoveAll(t => t.IsCompleted);
                // Every slot got an alert: more may be due at once. Otherwise nothing is due now: wait for a commit or the poll.
                if (claimed < free) await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // The alerts in flight finish (or are cancelled) before the host stops; an unfinished one's lease runs out.
        await Task.WhenAll(inFlight);
    }

    private async Task<int> ClaimAndStartAsync(int free, SemaphoreSlim slots, List<Task> inFlight, CancellationToken ct)
    {
        AlertRouting.Claim claim;
        await using (var scope = scopes.CreateAsyncScope())
            claim = await scope.ServiceProvider.GetRequiredService<AlertRouting>().ClaimAsync(free, ct);
        foreach (var alert in claim.Alerts) inFlight.Add(RouteOneAsync(alert, claim.Rules, slots, ct));
        return claim.Alerts.Count;
    }

    private async Task RouteOneAsync(AlertRouting.Claimed alert, IReadOnlyList<RoutingRule> rules, SemaphoreSlim slots, CancellationToken ct)
    {
        try
        {
            await Task.Yield();
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AlertRouting>().RouteAsync(alert, rules, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            LogAlertFailed(logger, alert.Alert.Id, e);
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // Stopping: grpc-dotnet reports the call's cancellation as RpcException(Cancelled), not as an
            // OperationCanceledException; either way the alert's lease runs out and another router takes it.
        }
        finally
        {
            slots.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Routing round failed; trying again shortly")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Routing alert {AlertId} failed; its lease runs out and it is tried again")]
    private static partial void LogAlertFailed(ILogger logger, Guid alertId, Exception exception);
}
