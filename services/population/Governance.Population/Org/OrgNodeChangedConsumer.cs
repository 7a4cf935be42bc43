using Governance.Contracts.Identity;
using Governance.Messaging.Inbox;
using Governance.Messaging.OrgPaths;
using Governance.Population.Data;
using MassTransit;

namespace Governance.Population.Org;

/// <summary>
/// Identity's move of an org node takes every person and house in its subtree with it (PopulationOrgPaths), in the
/// inbox's transaction. Duplicates are dropped by the inbox; moves apply in the order identity made them, whatever
/// order they arrive in (OrgMoves). A rename changes no path and nothing here.
/// </summary>
public sealed class OrgNodeChangedConsumer(PopulationDb db) : InboxConsumer<PopulationDb, OrgNodeChanged>(db)
{
    protected override async Task HandleAsync(ConsumeContext<OrgNodeChanged> context)
    {
        var e = context.Message;
        if (e.OldPath == e.Path) return;
        await OrgMoves.LockAsync(Db, context.CancellationToken);
        // Rows tracked for earlier messages of the batch are saved, but the set-based rewrite would leave them stale.
        Db.ChangeTracker.Clear();
        await OrgMoves.ApplyAsync(Db, e.NodeId, e.OldPath, e.Path, e.OccurredAt, PopulationOrgPaths.Columns, context.CancellationToken);
    }
}
