using Governance.Contracts.Identity;
using Governance.Grid.Data;
using Governance.Messaging.Inbox;
using MassTransit;

namespace Governance.Grid.Departments;

// Identity's department events and restatements keep the grid's copy of the departments a dispatch
// may name. Each tolerates duplicates (the inbox) and any order: every message carries the
// department's whole state and its version, one not newer than what the copy holds changes nothing
// (DepartmentCopy), and a retirement is never undone by a creation, rename or restatement that arrives
// after it.

public sealed class DepartmentCreatedConsumer(GridDb db) : InboxConsumer<GridDb, DepartmentCreated>(db)
{
    protected override Task HandleAsync(ConsumeContext<DepartmentCreated> context)
    {
        var e = context.Message;
        return DepartmentCopy.ApplyAsync(Db, new(e.DepartmentId, e.Code, e.Name, e.Kind, e.OrgNodeId, e.OrgPath, Retired: false, e.Version, e.OccurredAt),
            context.CancellationToken);
    }
}

public sealed class DepartmentChangedConsumer(GridDb db) : InboxConsumer<GridDb, DepartmentChanged>(db)
{
    protected override Task HandleAsync(ConsumeContext<DepartmentChanged> context)
    {
        var e = context.Message;
        return DepartmentCopy.ApplyAsync(Db, new(e.DepartmentId, e.Code, e.Name, e.Kind, e.OrgNodeId, e.OrgPath, Retired: false, e.Version, e.OccurredAt),
            context.CancellationToken);
    }
}

/// <summary>Identity's restatement at its start-up: fills in what the copy never received, changes nothing it has newer.</summary>
public sealed class DepartmentRestatedConsumer(GridDb db) : InboxConsumer<GridDb, DepartmentRestated>(db)
{
    protected override Task HandleAsync(ConsumeContext<DepartmentRestated> context)
    {
        var e = context.Message;
        return DepartmentCopy.ApplyAsync(Db, new(e.DepartmentId, e.Code, e.Name, e.Kind, e.OrgNodeId, e.OrgPath, e.Retired, e.Version, e.OccurredAt),
            context.CancellationToken);
    }
}

public sealed class DepartmentRetiredConsumer(GridDb db) : InboxConsumer<GridDb, DepartmentRetired>(db)
{
    protected override Task HandleAsync(ConsumeContext<DepartmentRetired> context)
    {
        var e = context.Message;
        return DepartmentCopy.RetireAsync(Db, e.DepartmentId, e.Code, e.OrgNodeId, e.OrgPath, e.Version, e.OccurredAt, context.CancellationToken);
    }
}
