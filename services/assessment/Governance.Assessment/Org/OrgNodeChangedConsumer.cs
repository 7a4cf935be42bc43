using Governance.Assessment.Data;
using Governance.Assessment.Replay;
using Governance.Contracts.Identity;
using Governance.Messaging.Inbox;
using Governance.Messaging.OrgPaths;
using MassTransit;

namespace Governance.Assessment.Org;

/// <summary>
/// Identity's move of an org node takes the facts and departments of its subtree with it (<see cref="AssessmentOrgPaths"/>),
/// in the inbox's transaction; moves apply in the order identity made them, whatever order they arrive in (OrgMoves).
/// Locks in the folds' order (the fold lock shared, then the move lock), so a move waits for a replay and a fold waits
/// for a move, never the other way round.
/// </summary>
public sealed class AssessOrgNodeChangedConsumer(AssessmentDb db) : InboxConsumer<AssessmentDb, OrgNodeChanged>(db)
{
    protected override async Task HandleAsync(ConsumeContext<OrgNodeChanged> context)
    {
        var e = context.Message;
        if (e.OldPath == e.Path) return;
        await FoldLock.SharedAsync(Db, context.CancellationToken);
        await OrgMoves.LockAsync(Db, context.CancellationToken);
        // Rows tracked for earlier messages of the batch are saved, but the set-based rewrite would leave them stale.
        Db.ChangeTracker.Clear();
        await OrgMoves.ApplyAsync(Db, e.NodeId, e.OldPath, e.Path, e.OccurredAt, AssessmentOrgPaths.Columns, context.CancellationToken);
    }
}
