using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Governance.ServiceDefaults.Scans;

/// <summary>
/// Runs <typeparamref name="TScan"/> every <paramref name="interval"/>, each run in its own scope. A
/// failed run (the database away for a while) is logged and tried again at the next tick, never ends the loop.
/// </summary>
internal sealed partial class PeriodicScanService<TScan>(IServiceScopeFactory scopes, TimeSpan interval, ILogger<PeriodicScanService<TScan>> logger)
    : BackgroundService where TScan : IPeriodicScan
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var changed = await scope.ServiceProvider.GetRequiredService<TScan>().ScanAsync(stoppingToken);
                if (changed > 0) LogChanged(logger, typeof(TScan).Name, changed);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, typeof(TScan).Name, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Scan}: {Count} record(s) changed")]
    private static partial void LogChanged(ILogger logger, string scan, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Scan} failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, string scan, Exception exception);
}
