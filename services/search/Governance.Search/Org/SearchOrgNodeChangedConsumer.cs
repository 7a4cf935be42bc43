using Governance.Contracts.Identity;
using Governance.Messaging.Inbox;
using Governance.Messaging.OrgPaths;
using Governance.Search.Data;
using MassTransit;

namespace Governance.Search.Org;

/// <summary>
/// Identity's move of an org node takes the read model's records of its subtree with it (<see cref="DocumentOrgPaths"/>),
/// in the inbox's transaction; moves apply in the order identity made them, whatever order they arrive in (OrgMoves).
/// The indexer then writes the moved records again.
/// </summary>
public sealed class SearchOrgNodeChangedConsumer(SearchDb db) : InboxConsumer<SearchDb, OrgNodeChanged>(db)
{
    protected override async Task HandleAsync(ConsumeContext<OrgNodeChanged> context)
    {
        var e = context.Message;
        if (e.OldPath == e.Path) return;
        await OrgMoves.LockAsync(Db, context.CancellationToken);
        // Rows tracked for earlier messages of the batch are saved, but the set-based rewrite would leave them stale.
        Db.ChangeTracker.Clear();
        await OrgMoves.ApplyAsync(Db, e.NodeId, e.OldPath, e.Path, e.OccurredAt, DocumentOrgPaths.Columns, context.CancellationToken);
    }
}
