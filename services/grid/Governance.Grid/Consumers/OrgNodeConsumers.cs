using Governance.Contracts.Identity;
using Governance.Grid.Data;
using Governance.Grid.Lookup;
using Governance.Grid.Org;
using Governance.Messaging.Inbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.Consumers;

// The identity service's org events keep the grid service's copy of the org tree. Each tolerates
// duplicates (the inbox) and any order: an event older than what the copy holds changes nothing,
// and a change or retirement may arrive before the creation it follows.

public sealed class OrgNodeCreatedConsumer(GridDb db) : InboxConsumer<GridDb, OrgNodeCreated>(db)
{
    protected override async Task HandleAsync(ConsumeContext<OrgNodeCreated> context)
    {
        var e = context.Message;
        var node = await Db.OrgNodes.FirstOrDefaultAsync(n => n.NodeId == e.NodeId, context.CancellationToken);
        if (node is not null)
        {
            // A later change or retirement got here first and holds newer facts; only the level was unknown.
            node.Level = e.Level;
            return;
        }
        Db.OrgNodes.Add(new OrgNodeReplica { NodeId = e.NodeId, Path = e.Path, Name = e.Name, Level = e.Level, ChangedAt = e.OccurredAt });
    }
}

public sealed class OrgNodeChangedConsumer(GridDb db, GridLocator locator) : InboxConsumer<GridDb, OrgNodeChanged>(db)
{
    protected override async Task HandleAsync(ConsumeContext<OrgNodeChanged> context)
    {
        var e = context.Message;
        var ct = context.CancellationToken;
        var node = await Db.OrgNodes.FirstOrDefaultAsync(n => n.NodeId == e.NodeId, ct);
        if (node is not null && node.ChangedAt > e.OccurredAt) return;
        if (node is null)
        {
            // The creation is still on its way; its level stays unknown until then.
            Db.OrgNodes.Add(new OrgNodeReplica { NodeId = e.NodeId, Path = e.Path, Name = e.Name, Level = "unknown", ChangedAt = e.OccurredAt });
            return;
        }
        var oldPath = node.Path;
        (node.Path, node.Name, node.ChangedAt) = (e.Path, e.Name, e.OccurredAt);
        if (oldPath == e.Path) return;
        // A move: every descendant's path and every grid in the subtree follow.
        foreach (var descendant in await Db.OrgNodes.Where(n => n.Path.StartsWith(oldPath + "/")).ToListAsync(ct))
            descendant.Path = e.Path + descendant.Path[oldPath.Length..];
        foreach (var cell in await Db.Cells.Where(c => c.CommunityPath == oldPath || c.CommunityPath.StartsWith(oldPath + "/")).ToListAsync(ct))
            cell.CommunityPath = e.Path + cell.CommunityPath[oldPath.Length..];
        locator.Invalidate();
    }
}

public sealed class OrgNodeRetiredConsumer(GridDb db) : InboxConsumer<GridDb, OrgNodeRetired>(db)
{
    protected override async Task HandleAsync(ConsumeContext<OrgNodeRetired> context)
    {
        var node = await Db.OrgNodes.FirstOrDefaultAsync(n => n.NodeId == context.Message.NodeId, context.CancellationToken);
        if (node is null)
        {
            Db.OrgNodes.Add(new OrgNodeReplica
            {
                NodeId = context.Message.NodeId, Path = context.Message.Path, Name = "", Level = "unknown", Retired = true,
                ChangedAt = context.Message.OccurredAt,
            });
            return;
        }
        node.Retired = true;
    }
}
