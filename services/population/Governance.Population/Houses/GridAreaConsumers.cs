using Governance.Contracts.Grid;
using Governance.Messaging.Inbox;
using Governance.Population.Data;
using MassTransit;

namespace Governance.Population.Houses;

// The grid's sub-levels, onto houses (GridAreaFollower). One consumer (and queue) per event: they arrive in any
// order, each at least once; the inbox drops duplicates.

public sealed class GridAreaRegisteredConsumer(PopulationDb db, GridAreaFollower follower) : InboxConsumer<PopulationDb, GridAreaRegistered>(db)
{
    protected override Task HandleAsync(ConsumeContext<GridAreaRegistered> context)
    {
        var e = context.Message;
        return follower.ApplyAsync(new(e.AreaId, e.GridCode, e.OrgPath, e.Kind, e.Code, e.Name, e.ParentId, e.Latitude, e.Longitude, e.OccurredAt),
            context.CancellationToken);
    }
}

public sealed class GridAreaChangedConsumer(PopulationDb db, GridAreaFollower follower) : InboxConsumer<PopulationDb, GridAreaChanged>(db)
{
    protected override Task HandleAsync(ConsumeContext<GridAreaChanged> context)
    {
        var e = context.Message;
        return follower.ApplyAsync(new(e.AreaId, e.GridCode, e.OrgPath, e.Kind, e.Code, e.Name, e.ParentId, e.Latitude, e.Longitude, e.OccurredAt),
            context.CancellationToken);
    }
}
