using Governance.Contracts.Identity;
using Governance.Identity.Data;
using Governance.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Governance.Identity.Departments;

/// <summary>
/// Each time identity starts, every department's current state goes out again
/// (<see cref="DepartmentRestated"/>, through the outbox, keyed by the department like its events),
/// so that the services holding a copy (grid's dispatch targets) get departments created before
/// identity published department events, or written outside the service, and heal a copy that lost
/// some. A restart of identity is the way to ask for it again. The list is small (a county has tens
/// of departments); each restatement carries the department's version, so a copy never takes one
/// that is older than a change it already has.
/// </summary>
/// <remarks>
/// Identity is the source and its outbox already survives broker outages, so the copies need no
/// credentials or calls of their own, and a consumer that is down catches up from its queue.
/// </remarks>
public sealed partial class DepartmentRestatement(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DepartmentRestatement> logger) : BackgroundService
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var count = await RestateAllAsync(stoppingToken);
                LogRestated(logger, count);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database not migrated or not reachable yet: the copies wait, nothing is lost.
                LogNotRestated(logger, e, RetryAfter.TotalSeconds);
            }
            await Task.Delay(RetryAfter, stoppingToken);
        }
    }

    /// <summary>Writes one <see cref="DepartmentRestated"/> per department to the outbox, in one commit; answers how many.</summary>
    public async Task<int> RestateAllAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var rows = await (from d in db.Departments.AsNoTracking()
                          join n in db.OrgNodes.AsNoTracking() on d.OrgNodeId equals n.Id
                          orderby d.Id
                          select new { Department = d, n.Path }).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var row in rows)
        {
            var d = row.Department;
            db.AddToOutbox(new DepartmentRestated(d.Id, d.Code, d.Name, d.Kind.Name(), d.OrgNodeId, row.Path, d.RetiredAt is not null, d.Version, now),
                d.Id.ToString());
        }
        await db.SaveChangesAsync(ct);
        return rows.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Departments: restated {Count} departments for the services that keep a copy")]
    private static partial void LogRestated(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Departments: could not restate the departments; trying again in {Seconds} s")]
    private static partial void LogNotRestated(ILogger logger, Exception exception, double seconds);
}
