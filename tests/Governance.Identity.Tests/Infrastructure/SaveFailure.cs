using Governance.Identity.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Governance.Identity.Tests.Infrastructure;

/// <summary>
/// Makes the save that would write a chosen audit action fail, as a lost connection or a full disk
/// would, so that a test can show what committed with it: nothing, when the action and its line
/// share one transaction. Disarmed until <see cref="Arm"/>.
/// </summary>
public sealed class SaveFailure : SaveChangesInterceptor
{
    private volatile string? _action;

    public void Arm(string auditAction) => _action = auditAction;

    public void Disarm() => _action = null;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (_action is { } action && eventData.Context is { } db
            && db.ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added && e.Entity.Action == action))
            throw new InvalidOperationException($"Test: the save of '{action}' fails.");
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}
