using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Grid.Incidents;

/// <summary>
/// Deadline settings. JSON shape: <code>"Grid": { "Incidents": { "DeadlineScanInterval": "00:00:30" } }</code>
/// </summary>
public sealed class IncidentOptions
{
    public const string Section = "Grid:Incidents";
    public TimeSpan DeadlineScanInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Runs <see cref="DeadlineWatch"/> every <see cref="IncidentOptions.DeadlineScanInterval"/>.</summary>
internal sealed partial class DeadlineWatcher(IServiceScopeFactory scopes, IOptions<IncidentOptions> options, ILogger<DeadlineWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DeadlineScanInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var warned = await scope.ServiceProvider.GetRequiredService<DeadlineWatch>().ScanAsync(stoppingToken);
                if (warned > 0) LogWarned(logger, warned);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deadline scan: {Count} incident(s) warned")]
    private static partial void LogWarned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deadline scan failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
