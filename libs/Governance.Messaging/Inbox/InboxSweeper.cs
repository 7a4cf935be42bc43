using Governance.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Messaging.Inbox;

/// <summary>Deletes inbox rows older than the retention period, hourly, so the table stays small.</summary>
internal sealed partial class InboxSweeper<TDb>(IServiceScopeFactory scopes, IOptions<OutboxOptions> options, ILogger<InboxSweeper<TDb>> logger)
    : BackgroundService where TDb : DbContext
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TDb>();
                var before = DateTime.UtcNow - options.Value.InboxRetention;
                await db.Set<InboxMessage>().Where(m => m.ProcessedAt < before).ExecuteDeleteAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e, typeof(TDb).Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox {Database}: sweeping old rows failed; trying again in an hour")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception, string database);
}
