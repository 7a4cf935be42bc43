using Governance.Contracts.Identity;
using Governance.Grid.Data;
using Governance.Grid.Lookup;
using Governance.Grid.Org;
using Governance.Messaging.Inbox;
using Governance.Messaging.OrgPaths;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.Consumers;

// The identity service's org events keep the grid service's copy of the org tree, and move every
// record that carries an org path with its node (GridOrgPaths), in the inbox's transaction. Each
// tolerates duplicates (the inbox) and any order: moves apply in the order identity made them
// (OrgMoves), a name older than the copy's changes nothing, and a change or retirement may arrive
// before the creation it follows. One org event at a time per database (OrgMoves.LockAsync).

public sealed class OrgNodeCreatedConsumer(GridDb db) : InboxConsumer<GridDb, OrgNodeCreated>(db)
{
    protected override async Task HandleAsync(ConsumeContext<OrgNodeCreated> context)
    {
        var e = context.Message;
        var ct = context.CancellationToken;
        await OrgMoves.LockAsync(Db, ct);
        var node = await Db.OrgNodes.FirstOrDefaultAsync(n => n.NodeId == e.NodeId, ct);
        if (node is not null)
        {
            // A later change or retirement got here first and holds newer facts; only the level was unknown.
            node.Level = e.Level;
            return;
        }
        // Created where it was then; a move of it or of an ancestor may have arrived before.
        var path = await OrgMoves.CurrentPathAsync(Db, e.Path, e.OccurredAt, ct);
        Db.OrgNodes.Add(new OrgNodeReplica { NodeId = e.NodeId, Path = path, Name = e.Name, Level = e.Level, ChangedAt = e.OccurredAt });
    }
}

public sealed class OrgNodeChangedConsumer(GridDb db, GridLocator locator) : InboxConsumer<GridDb, OrgNodeChanged>(db)
{
    protected override async Task HandleAsync(ConsumeContext<OrgNodeChanged> context)
    {
        var e = context.Message;
        var ct = context.CancellationToken;
        await OrgMoves.LockAsync(Db, ct);
        // Rows tracked for earlier messages of the batch are saved, but the set-based rewrite below would leave them stale.
        Db.ChangeTracker.Clear();
        // The copy's row is one of the rewritten paths: apply the move before reading it.
        var moved = await OrgMoves.ApplyAsync(Db, e.NodeId, e.OldPath, e.Path, e.OccurredAt, GridOrgPaths.Columns, ct);
        if (moved) locator.Invalidate();
        var node = await Db.OrgNodes.FirstOrDefaultAsync(n => n.NodeId == e.NodeId, ct);
        if (node is null)
        {
            // The creation is still on its way; its level stays unknown until then.
            var path = await OrgMoves.CurrentPathAsync(Db, e.Path, e.OccurredAt, ct);
            Db.OrgNodes.Add(new OrgNodeReplica { NodeId = e.NodeId, Path = path, Name = e.Name, Level = "unknown", ChangedAt = e.OccurredAt });
            return;
        }
        if (node.ChangedAt > e.OccurredAt) return;
        (node.Name, node.ChangedAt) = (e.Name, e.OccurredAt);
    }
}

public sealed class OrgNodeRetiredConsumer(GridDb db) : InboxConsumer<GridDb, OrgNodeRetired>(db)
{
    protected override async Task HandleAsync(ConsumeContext<OrgNodeRetired> context)
    {
        var e = context.Message;
        var ct = context.CancellationToken;
        await OrgMoves.LockAsync(Db, ct);
        var node = await Db.OrgNodes.FirstOrDefaultAsync(n => n.NodeId == e.NodeId, ct);
        if (node is null)
        {
            Db.OrgNodes.Add(new OrgNodeReplica
            {
                NodeId = e.NodeId, Path = await OrgMoves.CurrentPathAsync(Db, e.Path, e.OccurredAt, ct), Name = "", Level = "unknown", Retired = true,
                ChangedAt = e.OccurredAt,
            });
            return;
        }
        node.Retired = true;
    }
}
