using System.Text.RegularExpressions;
using Governance.Contracts.Identity;
using Governance.Identity.Audit;
using Governance.Identity.Data;
using Governance.Identity.Org;
using Governance.Identity.Roles;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;
using Governance.ServiceDefaults.Data;

namespace Governance.Identity.Departments;

/// <summary>A department with the path of the node it is attached to.</summary>
public sealed record DepartmentView(Guid Id, string Code, string Name, string Kind, string OrgPath, bool Retired)
{
    public static DepartmentView From(Department d, string orgPath) => new(d.Id, d.Code, d.Name, d.Kind.Name(), orgPath, d.RetiredAt is not null);
}

/// <summary>
/// Member departments attached to org nodes: callers whose roles carry <c>department.manage</c> create,
/// rename and retire them inside their subtree; anyone sees those on their own branch (including the
/// county's bureaus above them).
/// </summary>
public sealed partial class DepartmentDirectory(IdentityDb db, AuditTrail audit, TimeProvider clock, RolePermissions permissions)
{
    [GeneratedRegex("^[a-z][a-z0-9-]{0,31}$")]
    private static partial Regex CodePattern();

    public async Task<DepartmentView> CreateAsync(Caller caller, string? orgPath, string? code, string? name, string? kind, CancellationToken ct)
    {
        var node = await NodeAsync(orgPath, ct);
        await permissions.EnsurePermittedAsync(caller, IdentityPermissions.DepartmentManage, node.OrgPath, ct);
        if (node.IsRetired) throw DomainException.RuleViolated("RetiredNodeTakesNoDepartments", $"The node {node.Path} is retired and takes no departments.");
        if (code is null || !CodePattern().IsMatch(code))
            throw DomainException.Invalid("code", $"The code '{code}' must be 1 to 32 characters: a–z, digits or '-', starting with a letter, e.g. psb.");
        if (!DepartmentKinds.TryParse(kind, out var departmentKind))
            throw DomainException.Invalid("kind", $"The kind '{kind}' is not one of {DepartmentKinds.All}.");
        // Retired departments keep their code, as retired nodes keep their path: old records still name them.
        if (await db.Departments.AnyAsync(d => d.OrgNodeId == node.Id && d.Code == code, ct))
            throw DomainException.Duplicate($"The department code '{code}' is taken at {node.Path}.");
        var department = new Department { Code = code, Name = CheckName(name), Kind = departmentKind, OrgNodeId = node.Id, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Departments.Add(department);
        audit.Add(db, caller.Subject, AuditActions.DepartmentCreated, department.Id.ToString(), node.Path, $"{code} {department.Name} ({departmentKind.Name()})");
        db.AddToOutbox(new DepartmentCreated(department.Id, code, department.Name, departmentKind.Name(), node.Id, node.Path, department.CreatedAt, department.Version), department.Id.ToString());
        await SaveAsync(code, node.Path, ct);
        return DepartmentView.From(department, node.Path);
    }

    public async Task<DepartmentView> RenameAsync(Caller caller, Guid id, string? name, CancellationToken ct)
    {
        var (department, path) = await GetForChangeAsync(caller, id, ct);
        var newName = CheckName(name);
        if (newName == department.Name) return DepartmentView.From(department, path);
        audit.Add(db, caller.Subject, AuditActions.DepartmentChanged, department.Id.ToString(), path, $"{department.Name} → {newName}");
        department.Name = newName;
        department.Version++;
        db.AddToOutbox(new DepartmentChanged(department.Id, department.Code, newName, department.Kind.Name(), department.OrgNodeId, path,
            clock.GetUtcNow().UtcDateTime, department.Version), department.Id.ToString());
        await SaveAsync(department.Code, path, ct);
        return DepartmentView.From(department, path);
    }

    /// <summary>Retires a department nobody belongs to any more; it keeps its code so old records still resolve.</summary>
    public async Task<DepartmentView> RetireAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var (department, path) = await GetForChangeAsync(caller, id, ct);
        if (department.RetiredAt is not null) return DepartmentView.From(department, path);
        if (await db.Users.AnyAsync(u => u.DepartmentId == department.Id, ct))
            throw DomainException.RuleViolated("RetiredDepartmentHasNoUsers", $"The department {department.Code} at {path} still has users: move them first.");
        department.RetiredAt = clock.GetUtcNow().UtcDateTime;
        department.Version++;
        audit.Add(db, caller.Subject, AuditActions.DepartmentRetired, department.Id.ToString(), path, department.Code);
        db.AddToOutbox(new DepartmentRetired(department.Id, department.Code, department.OrgNodeId, path, department.RetiredAt.Value, department.Version),
            department.Id.ToString());
        await SaveAsync(department.Code, path, ct);
        return DepartmentView.From(department, path);
    }

    /// <summary>The departments at <paramref name="orgPath"/> (default: the caller's node), and below it on request, that the caller may see.</summary>
    public async Task<List<DepartmentView>> ListAsync(Caller caller, string? orgPath, bool includeDescendants, bool includeRetired, CancellationToken ct)
    {
        var path = string.IsNullOrEmpty(orgPath) ? caller.OrgPath?.Value : orgPath;
        if (path is null) return [];
        var node = await NodeAsync(path, ct, field: "orgPath");
        if (!OrgTree.MaySee(caller, node)) throw DomainException.NotFound($"No org node '{path}' within your reach.");
        var prefix = node.Path + "/";
        var rows = await (from d in db.Departments.AsNoTracking()
                          join n in db.OrgNodes on d.OrgNodeId equals n.Id
                          where (n.Path == node.Path || (includeDescendants && n.Path.StartsWith(prefix))) && (includeRetired || d.RetiredAt == null)
                          select new { Department = d, Node = n }).ToListAsync(ct);
        // Sorted here, ordinally: the database's collation ignores the '/' between codes.
        return rows.Where(r => OrgTree.MaySee(caller, r.Node))
            .OrderBy(r => r.Node.Path, StringComparer.Ordinal).ThenBy(r => r.Department.Code, StringComparer.Ordinal).Select(r => DepartmentView.From(r.Department, r.Node.Path)).ToList();
    }

    private async Task<(Department Department, string Path)> GetForChangeAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var found = await (from d in db.Departments
                           join n in db.OrgNodes on d.OrgNodeId equals n.Id
                           where d.Id == id
                           select new { Department = d, Node = n }).FirstOrDefaultAsync(ct);
        if (found is null || !OrgTree.MaySee(caller, found.Node)) throw DomainException.NotFound($"No department {id} within your reach.");
        await permissions.EnsurePermittedAsync(caller, IdentityPermissions.DepartmentManage, found.Node.OrgPath, ct);
        return (found.Department, found.Node.Path);
    }

    private async Task<OrgNode> NodeAsync(string? path, CancellationToken ct, string field = "orgPath") =>
        OrgPath.TryParse(path, out _) && await db.OrgNodes.AsNoTracking().FirstOrDefaultAsync(n => n.Path == path, ct) is { } node
            ? node
            : throw DomainException.Invalid(field, $"No org node has the path '{path}'.");

    private static string CheckName(string? name)
    {
        var trimmed = name?.Trim();
        return !string.IsNullOrEmpty(trimmed) && trimmed.Length <= 100 && !trimmed.Any(char.IsControl) ? trimmed
            : throw DomainException.Invalid("name", "The name must be 1 to 100 characters, without control characters.");
    }

    // The unique (node, code) index catches a department created at the same moment; the version, one changed meanwhile.
    private Task SaveAsync(string code, string path, CancellationToken ct) =>
        db.SaveOrConflictAsync(() => DomainException.Duplicate($"The department code '{code}' is taken at {path}."),
            () => DomainException.RuleViolated("DepartmentChangedMeanwhile", $"The department {code} at {path} was changed by someone else meanwhile; reload it and try again."),
            ct);
}
