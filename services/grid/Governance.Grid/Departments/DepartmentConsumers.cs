using Governance.Contracts.Identity;
using Governance.Grid.Data;
using Governance.Messaging.Inbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.Departments;

// Identity's department events keep the grid's copy of the departments a dispatch may name. Each
// tolerates duplicates (the inbox) and any order: every event carries the department's whole state,
// an event older than what the copy holds changes nothing, and a retirement is never undone by a
// creation or rename that arrives after it.

public sealed class DepartmentCreatedConsumer(GridDb db) : InboxConsumer<GridDb, DepartmentCreated>(db)
{
    protected override Task HandleAsync(ConsumeContext<DepartmentCreated> context)
    {
        var e = context.Message;
        return DepartmentCopy.ApplyAsync(Db, e.DepartmentId, e.OccurredAt, d => (d.Code, d.Name, d.Kind, d.OrgNodeId, d.OrgPath, d.Known) =
            (e.Code, e.Name, e.Kind, e.OrgNodeId, e.OrgPath, true), context.CancellationToken);
    }
}

public sealed class DepartmentChangedConsumer(GridDb db) : InboxConsumer<GridDb, DepartmentChanged>(db)
{
    protected override Task HandleAsync(ConsumeContext<DepartmentChanged> context)
    {
        var e = context.Message;
        return DepartmentCopy.ApplyAsync(Db, e.DepartmentId, e.OccurredAt, d => (d.Code, d.Name, d.Kind, d.OrgNodeId, d.OrgPath, d.Known) =
            (e.Code, e.Name, e.Kind, e.OrgNodeId, e.OrgPath, true), context.CancellationToken);
    }
}

public sealed class DepartmentRetiredConsumer(GridDb db) : InboxConsumer<GridDb, DepartmentRetired>(db)
{
    protected override async Task HandleAsync(ConsumeContext<DepartmentRetired> context)
    {
        var e = context.Message;
        var id = e.DepartmentId.ToString();
        var department = await Db.Departments.FirstOrDefaultAsync(d => d.DepartmentId == id, context.CancellationToken);
        if (department is null)
        {
            Db.Departments.Add(new DepartmentReplica
            {
                DepartmentId = id, Code = e.Code, Name = "", Kind = "", OrgNodeId = e.OrgNodeId, OrgPath = e.OrgPath, Retired = true, ChangedAt = e.OccurredAt,
            });
            return;
        }
        // Retirement is final, whenever it arrives.
        department.Retired = true;
        if (e.OccurredAt > department.ChangedAt) department.ChangedAt = e.OccurredAt;
    }
}

internal static class DepartmentCopy
{
    public static async Task ApplyAsync(GridDb db, Guid departmentId, DateTime occurredAt, Action<DepartmentReplica> apply, CancellationToken ct)
    {
        var id = departmentId.ToString();
        var department = await db.Departments.FirstOrDefaultAsync(d => d.DepartmentId == id, ct);
        if (department is null)
        {
            department = new DepartmentReplica { DepartmentId = id, Code = "", Name = "", Kind = "", OrgPath = "", ChangedAt = occurredAt };
            apply(department);
            db.Departments.Add(department);
            return;
        }
        // A retirement that came first left only a stub: fill it in, whatever its time.
        if (department.Known && department.ChangedAt > occurredAt) return;
        apply(department);
        if (occurredAt > department.ChangedAt) department.ChangedAt = occurredAt;
    }
}
