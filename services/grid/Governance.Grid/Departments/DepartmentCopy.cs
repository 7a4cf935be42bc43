using Governance.Grid.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.Departments;

/// <summary>A department's whole state as one of identity's messages gives it.</summary>
internal sealed record DepartmentState(Guid DepartmentId, string Code, string Name, string Kind, Guid OrgNodeId, string OrgPath, bool Retired, int Version,
    DateTime OccurredAt);

/// <summary>
/// Applies identity's department messages to the copy in identity's order, whatever order they arrive
/// in: by version (identity counts each department's changes), then, for messages from before versions
/// existed (version 0, older than any versioned one), by time. A retirement is final, and it carries no name, code or
/// kind: it does not advance the version of the state the copy holds, so a rename identity made before it, delivered
/// after it (another queue), still lands - otherwise the retired department kept its old name for ever.
/// </summary>
internal static class DepartmentCopy
{
    public static async Task ApplyAsync(GridDb db, DepartmentState state, CancellationToken ct)
    {
        var id = state.DepartmentId.ToString();
        var department = await db.Departments.FirstOrDefaultAsync(d => d.DepartmentId == id, ct);
        if (department is null)
        {
            db.Departments.Add(new DepartmentReplica
            {
                DepartmentId = id, Code = state.Code, Name = state.Name, Kind = state.Kind, OrgNodeId = state.OrgNodeId, OrgPath = state.OrgPath,
                Retired = state.Retired, Known = true, Version = state.Version, ChangedAt = state.OccurredAt,
            });
            return;
        }
        // A retirement that came first left only a stub: fill it in, whatever its version.
        if (department.Known && !IsNewer(state.Version, state.OccurredAt, department)) return;
        (department.Code, department.Name, department.Kind, department.OrgNodeId, department.OrgPath, department.Known) =
            (state.Code, state.Name, state.Kind, state.OrgNodeId, state.OrgPath, true);
        department.Retired |= state.Retired;
        Advance(department, state.Version, state.OccurredAt);
    }

    public static async Task RetireAsync(GridDb db, Guid departmentId, string code, Guid orgNodeId, string orgPath, int version, DateTime occurredAt,
        CancellationToken ct)
    {
        var id = departmentId.ToString();
        var department = await db.Departments.FirstOrDefaultAsync(d => d.DepartmentId == id, ct);
        if (department is null)
        {
            db.Departments.Add(new DepartmentReplica
            {
                DepartmentId = id, Code = code, Name = "", Kind = "", OrgNodeId = orgNodeId, OrgPath = orgPath, Retired = true,
            });
            return;
        }
        // Retirement is final, whenever it arrives; the state's version stays the one its name and kind came with.
        department.Retired = true;
    }

    private static bool IsNewer(int version, DateTime occurredAt, DepartmentReplica held) =>
        version > held.Version || (version == held.Version && occurredAt > held.ChangedAt);

    private static void Advance(DepartmentReplica department, int version, DateTime occurredAt)
    {
        if (!IsNewer(version, occurredAt, department)) return;
        (department.Version, department.ChangedAt) = (version, occurredAt);
    }
}
