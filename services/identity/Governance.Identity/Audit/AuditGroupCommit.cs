using System.Threading.Channels;
using Governance.Identity.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Governance.Identity.Audit;

/// <summary>
/// Commits audit lines that go with no stored change of their own (a department's system's
/// client-credentials token is not stored) in groups, as a database commits its log: each caller
/// waits until its line is committed, so nothing leaves identity before its line is stored, yet
/// the callers of the same moment share one transaction instead of one each. Under load that is
/// what keeps token issuance from being bound by commits per second.
/// </summary>
public sealed class AuditGroupCommit(IServiceScopeFactory scopes, ILogger<AuditGroupCommit> log) : BackgroundService
{
    /// <summary>At most this many lines in one transaction: a bound on one commit's size, not a wait.</summary>
    private const int MaxGroup = 256;

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    private sealed record Pending(AuditEntry Entry, TaskCompletionSource Committed);

    /// <summary>Completes when <paramref name="entry"/> is committed; throws when it could not be.</summary>
    public Task CommitAsync(AuditEntry entry, CancellationToken ct)
    {
        var pending = new Pending(entry, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(pending)) throw new InvalidOperationException("The audit writer has stopped: nothing can be audited.");
        return pending.Committed.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var group = new List<Pending>(MaxGroup);
        try
        {
            // No timer: a group is whatever queued while the previous commit ran, so a lone caller
            // waits for one commit only.
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (group.Count < MaxGroup && queue.Reader.TryRead(out var pending)) group.Add(pending);
                await CommitGroupAsync(group, stoppingToken);
                group.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            queue.Writer.TryComplete();
            foreach (var pending in group) pending.Committed.TrySetCanceled(stoppingToken);
            while (queue.Reader.TryRead(out var pending)) pending.Committed.TrySetCanceled(stoppingToken);
        }
    }

    private async Task CommitGroupAsync(List<Pending> group, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            db.AuditEntries.AddRange(group.Select(p => p.Entry));
            await db.SaveChangesAsync(ct);
            foreach (var pending in group) pending.Committed.TrySetResult();
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Every caller of the group fails (and issues nothing); the next group tries afresh.
            log.LogError(e, "Could not commit {Count} audit lines", group.Count);
            foreach (var pending in group) pending.Committed.TrySetException(e);
        }
    }
}
