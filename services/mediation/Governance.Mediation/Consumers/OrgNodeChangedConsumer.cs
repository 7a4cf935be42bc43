using Governance.Contracts.Identity;
using Governance.Mediation.Data;
using Governance.Mediation.Org;
using Governance.Messaging.Inbox;
using Governance.Messaging.OrgPaths;
using MassTransit;

namespace Governance.Mediation.Consumers;

/// <summary>
/// Identity's move of an org node takes every case and body in its subtree with it (MediationOrgPaths),
/// in the inbox's transaction: after a community moves to another street, the new street's staff see its
/// disputes and the old street's do not. Duplicates are dropped by the inbox; moves apply in the order
/// identity made them, whatever order they arrive in (OrgMoves). A rename changes no path and nothing
/// here: mediation keeps no copy of the tree, since nothing in it is keyed on a node's existence or name,
/// so identity's creations and retirements are not consumed.
/// </summary>
public sealed class OrgNodeChangedConsumer(MediationDb db) : InboxConsumer<MediationDb, OrgNodeChanged>(db)
{
    protected override async Task HandleAsync(ConsumeContext<OrgNodeChanged> context)
    {
        var e = context.Message;
        if (e.OldPath == e.Path) return;
        await OrgMoves.LockAsync(Db, context.CancellationToken);
        // Rows tracked for earlier messages of the batch are saved, but the set-based rewrite would leave them stale.
        Db.ChangeTracker.Clear();
        await OrgMoves.ApplyAsync(Db, e.NodeId, e.OldPath, e.Path, e.OccurredAt, MediationOrgPaths.Columns, context.CancellationToken);
    }
}
