using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Governance.Assessment.CareVisits;

/// <summary>
/// Keeps the care-visit counts current without an operator: every <c>Assessment:Population:RefreshInterval</c> (unset:
/// never) it fetches this month and the last (China time) as <see cref="CareVisitFetcher"/> does, so a visit population
/// records late for last month still reaches the score. A fetch that fails (identity or population away, the service
/// account not made yet) is logged and tried again at the next round; nothing is half-written.
/// </summary>
internal sealed partial class CareVisitRefresher(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock,
    ILogger<CareVisitRefresher> logger) : BackgroundService
{
    public const string IntervalKey = ClientCredentialsPopulationToken.Section + ":RefreshInterval";

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        if (!TimeSpan.TryParse(configuration[IntervalKey], System.Globalization.CultureInfo.InvariantCulture, out var every) || every <= TimeSpan.Zero
            || configuration[ClientCredentialsPopulationToken.AddressKey] is not { Length: > 0 }) return;
        using var timer = new PeriodicTimer(every, clock);
        while (await timer.WaitForNextTickAsync(ct))
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(8));
            foreach (var month in new[] { today, today.AddMonths(-1) })
            {
                var label = month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<CareVisitFetcher>().FetchAsync(label, ct);
                }
                catch (Exception) when (ct.IsCancellationRequested)
                {
                    return; // stopping: a call cut short is no failure
                }
                catch (Exception e)
                {
                    // Whatever failed, the service goes on: the next round asks again.
                    LogFailed(logger, label, e.Message);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Care-visit counts for {Month} not fetched: {Reason}")]
    private static partial void LogFailed(ILogger logger, string month, string reason);
}
