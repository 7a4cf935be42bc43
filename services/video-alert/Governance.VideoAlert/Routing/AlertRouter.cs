using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.VideoAlert.Routing;

/// <summary>
/// Routes open alerts as they come: woken by <see cref="AlertCommitSignal"/> the moment one is committed, and polling
/// every <see cref="RoutingOptions.PollInterval"/> for those the signal cannot see (another replica's, a crash between
/// an alert's commit and its routing, alerts waiting out a backoff). A few alerts are routed at once, each in its own
/// scope (<see cref="AlertRouting"/>), so one slow grid call does not hold the others.
/// </summary>
public sealed partial class AlertRouter(IServiceScopeFactory scopes, AlertCommitSignal signal, IOptions<RoutingOptions> options, ILogger<AlertRouter> logger)
    : BackgroundService
{
    private const int Batch = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var due = 0;
            try
            {
                due = await RoundAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e);
            }
            if (due < Batch) await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
        }
    }

    private async Task<int> RoundAsync(CancellationToken ct)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
            due = await scope.ServiceProvider.GetRequiredService<AlertRouting>().DueAsync(Batch, ct);
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = ct }, async (id, token) =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<AlertRouting>().RouteAsync(id, token);
            }
            catch (Exception e) when (!token.IsCancellationRequested)
            {
                LogAlertFailed(logger, id, e);
            }
        });
        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Routing round failed; trying again shortly")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Routing alert {AlertId} failed; its lease runs out and it is tried again")]
    private static partial void LogAlertFailed(ILogger logger, Guid alertId, Exception exception);
}
