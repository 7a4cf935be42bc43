using Governance.Assessment.Data;
using Governance.Contracts.Identity;
using Governance.Messaging.Inbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Governance.Assessment.Departments;

// Identity's department events and restatements keep assessment's copy. As in grid's copy: every message carries the
// department's whole state and its version; one not newer than the copy changes nothing; a retirement is final and
// carries no name, so it does not advance the version.

public sealed class AssessmentDepartmentCreatedConsumer(AssessmentDb db) : InboxConsumer<AssessmentDb, DepartmentCreated>(db)
{
    protected override Task HandleAsync(ConsumeContext<DepartmentCreated> context)
    {
        var e = context.Message;
        return DepartmentCopy.ApplyAsync(Db, e.DepartmentId, e.Code, e.Name, e.OrgPath, false, e.Version, e.OccurredAt, context.CancellationToken);
    }
}

public sealed class AssessmentDepartmentChangedConsumer(AssessmentDb db) : InboxConsumer<AssessmentDb, DepartmentChanged>(db)
{
    protected override Task HandleAsync(ConsumeContext<DepartmentChanged> context)
    {
        var e = context.Message;
        return DepartmentCopy.ApplyAsync(Db, e.DepartmentId, e.Code, e.Name, e.OrgPath, false, e.Version, e.OccurredAt, context.CancellationToken);
    }
}

public sealed class AssessmentDepartmentRestatedConsumer(AssessmentDb db) : InboxConsumer<AssessmentDb, DepartmentRestated>(db)
{
    protected override Task HandleAsync(ConsumeContext<DepartmentRestated> context)
    {
        var e = context.Message;
        return DepartmentCopy.ApplyAsync(Db, e.DepartmentId, e.Code, e.Name, e.OrgPath, e.Retired, e.Version, e.OccurredAt, context.CancellationToken);
    }
}

public sealed class AssessmentDepartmentRetiredConsumer(AssessmentDb db) : InboxConsumer<AssessmentDb, DepartmentRetired>(db)
{
    protected override async Task HandleAsync(ConsumeContext<DepartmentRetired> context)
    {
        var e = context.Message;
        var id = e.DepartmentId.ToString();
        var department = await Db.Departments.FirstOrDefaultAsync(d => d.DepartmentId == id, context.CancellationToken);
        if (department is null) Db.Departments.Add(new Department { DepartmentId = id, Code = e.Code, OrgPath = e.OrgPath, Retired = true });
        else department.Retired = true;
    }
}

internal static class DepartmentCopy
{
    public static async Task ApplyAsync(AssessmentDb db, Guid departmentId, string code, string name, string orgPath, bool retired, int version,
        DateTime occurredAt, CancellationToken ct)
    {
        var id = departmentId.ToString();
        var held = await db.Departments.FirstOrDefaultAsync(d => d.DepartmentId == id, ct);
        if (held is null)
        {
            db.Departments.Add(new Department
            {
                DepartmentId = id, Code = code, Name = name, OrgPath = orgPath, Retired = retired, Known = true, Version = version, ChangedAt = occurredAt,
            });
            return;
        }
        var newer = version > held.Version || (version == held.Version && occurredAt > held.ChangedAt);
        // A retirement that came first left only a stub: fill it in, whatever its version.
        if (held.Known && !newer) return;
        (held.Code, held.Name, held.OrgPath, held.Known) = (code, name, orgPath, true);
        held.Retired |= retired;
        if (newer) (held.Version, held.ChangedAt) = (version, occurredAt);
    }
}
