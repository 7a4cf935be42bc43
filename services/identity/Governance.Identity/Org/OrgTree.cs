using Governance.Contracts.Identity;
using Governance.Identity.Audit;
using Governance.Identity.Clients;
using Governance.Identity.Data;
using Governance.Identity.OAuth;
using Governance.Identity.Roles;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;
using Governance.ServiceDefaults.Data;

namespace Governance.Identity.Org;

/// <summary>
/// Changes to the org tree: create, rename, move (descendants follow), retire. Each change, its
/// audit line and its event commit together. Only callers whose roles carry <c>org.manage</c> change
/// nodes, and only inside their subtree.
/// </summary>
public sealed class OrgTree(IdentityDb db, AuditTrail audit, TimeProvider clock, RolePermissions permissions, ClientDirectory clients)
{
    public async Task<OrgNode> CreateAsync(Caller caller, string? parentPath, string? code, string? name, string? level, CancellationToken ct)
    {
        if (!OrgLevels.TryParse(level, out var nodeLevel))
            throw DomainException.Invalid("level", $"The level '{level}' is not one of province, prefecture, county, street, community, grid.");
        if (string.IsNullOrWhiteSpace(parentPath))
            throw DomainException.RuleViolated("OrgRootIsCreatedAtBootstrap",
                "A node needs a parent: the root of the tree is created at bootstrap, not through the API.");
        var parent = await FindByPathAsync(parentPath, ct) ?? throw DomainException.Invalid("parentPath", $"No org node has the path '{parentPath}'.");
        await permissions.EnsurePermittedAsync(caller, IdentityPermissions.OrgManage, parent.OrgPath, ct);
        CheckChildLevel(parent, nodeLevel);
        if (parent.IsRetired)
            throw DomainException.RuleViolated("RetiredNodeTakesNoChildren", $"The node {parent.Path} is retired and takes no children.");
        if (OrgCodes.Check(code, nodeLevel, parent) is { } badCode) throw badCode;
        var now = Now;
        var node = new OrgNode
        {
            Code = code!, Path = OrgNode.PathOf(parent, code!), Name = CheckName(name), Level = nodeLevel,
            ParentId = parent.Id, CreatedAt = now, UpdatedAt = now,
        };
        await EnsureNeverGivenAsync(node.Path, "code", ct);
        db.OrgNodes.Add(node);
        db.UsedOrgPaths.Add(new UsedOrgPath { Path = node.Path, NodeId = node.Id, Since = now });
        audit.Add(db, caller.Subject, AuditActions.OrgNodeCreated, node.Path, node.Path, node.Name);
        db.AddToOutbox(new OrgNodeCreated(node.Id, node.Path, node.Code, node.Name, node.Level.Name(), parent.Path, now), node.Id.ToString());
        await SaveAsync(node.Path, ct);
        return node;
    }

    public async Task<OrgNode> RenameAsync(Caller caller, Guid id, string? name, CancellationToken ct)
    {
        var node = await GetForChangeAsync(caller, id, ct);
        var newName = CheckName(name);
        if (newName == node.Name) return node;
        audit.Add(db, caller.Subject, AuditActions.OrgNodeRenamed, node.Path, node.Path, $"{node.Name} → {newName}");
        node.Name = newName;
        Touch(node);
        db.AddToOutbox(new OrgNodeChanged(node.Id, node.Path, node.Path, node.Name, node.UpdatedAt), node.Id.ToString());
        await SaveAsync(node.Path, ct);
        return node;
    }

    /// <summary>Moves a node under another parent of the level above; every descendant's path follows.</summary>
    public async Task<OrgNode> MoveAsync(Caller caller, Guid id, string? newParentPath, string? newCode, CancellationToken ct)
    {
        var node = await GetForChangeAsync(caller, id, ct);
        if (node.ParentId is null)
            throw DomainException.RuleViolated("OrgRootDoesNotMove", "The root of the tree cannot be moved.");
        var parent = await FindByPathAsync(newParentPath, ct) ?? throw DomainException.Invalid("newParentPath", $"No org node has the path '{newParentPath}'.");
        await permissions.EnsurePermittedAsync(caller, IdentityPermissions.OrgManage, parent.OrgPath, ct);
        CheckChildLevel(parent, node.Level);
        if (parent.IsRetired)
            throw DomainException.RuleViolated("RetiredNodeTakesNoChildren", $"The node {parent.Path} is retired and takes no children.");
        var code = string.IsNullOrEmpty(newCode) ? node.Code : newCode;
        if (OrgCodes.Check(code, node.Level, parent, string.IsNullOrEmpty(newCode) ? "newParentPath" : "newCode") is { } badCode) throw badCode;
        var oldPath = node.Path;
        var newPath = OrgNode.PathOf(parent, code);
        if (newPath == oldPath) return node;
        await EnsureNeverGivenAsync(newPath, string.IsNullOrEmpty(newCode) ? "newParentPath" : "newCode", ct);

        var descendants = await db.OrgNodes.Where(n => n.Path.StartsWith(oldPath + "/")).ToListAsync(ct);
        // The paths left behind stay used (nodes seeded before this table have none yet), the new ones become used.
        var left = descendants.Select(d => d.Path).Append(oldPath).ToList();
        var recorded = await db.UsedOrgPaths.Where(p => left.Contains(p.Path)).Select(p => p.Path).ToListAsync(ct);
        foreach (var moving in descendants.Append(node).Where(n => !recorded.Contains(n.Path)))
            db.UsedOrgPaths.Add(new UsedOrgPath { Path = moving.Path, NodeId = moving.Id, Since = moving.CreatedAt });
        foreach (var descendant in descendants)
        {
            descendant.Path = newPath + descendant.Path[oldPath.Length..];
            db.UsedOrgPaths.Add(new UsedOrgPath { Path = descendant.Path, NodeId = descendant.Id, Since = Now });
            Touch(descendant);
        }
        // The departments' systems registered in the subtree move with it: their tokens carry the new path.
        var movingClients = await db.Set<Client>().Where(c => c.OrgPath == oldPath || c.OrgPath!.StartsWith(oldPath + "/")).ToListAsync(ct);
        foreach (var client in movingClients) client.OrgPath = newPath + client.OrgPath![oldPath.Length..];
        node.Code = code;
        node.Path = newPath;
        node.ParentId = parent.Id;
        db.UsedOrgPaths.Add(new UsedOrgPath { Path = newPath, NodeId = node.Id, Since = Now });
        Touch(node);
        audit.Add(db, caller.Subject, AuditActions.OrgNodeMoved, newPath, newPath, $"{oldPath} → {newPath} ({descendants.Count} descendants)");
        db.AddToOutbox(new OrgNodeChanged(node.Id, newPath, oldPath, node.Name, node.UpdatedAt), node.Id.ToString());
        await SaveAsync(newPath, ct);
        clients.ForgetAll();
        return node;
    }

    public async Task<OrgNode> RetireAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var node = await GetForChangeAsync(caller, id, ct);
        if (node.IsRetired) return node;
        if (node.ParentId is null)
            throw DomainException.RuleViolated("OrgRootIsNotRetired", "The root of the tree cannot be retired.");
        if (await db.OrgNodes.AnyAsync(n => n.ParentId == node.Id && n.RetiredAt == null, ct))
            throw DomainException.RuleViolated("RetiredNodeHasNoChildren", $"The node {node.Path} still has children: retire or move them first.");
        if (await db.Users.AnyAsync(u => u.OrgNodeId == node.Id, ct))
            throw DomainException.RuleViolated("RetiredNodeHasNoUsers", $"The node {node.Path} still has users: move them first.");
        if (await db.Departments.AnyAsync(d => d.OrgNodeId == node.Id && d.RetiredAt == null, ct))
            throw DomainException.RuleViolated("RetiredNodeHasNoDepartments", $"The node {node.Path} still has departments: retire them first.");
        node.RetiredAt = Now;
        Touch(node);
        audit.Add(db, caller.Subject, AuditActions.OrgNodeRetired, node.Path, node.Path);
        db.AddToOutbox(new OrgNodeRetired(node.Id, node.Path, node.UpdatedAt), node.Id.ToString());
        await SaveAsync(node.Path, ct);
        // Its clients can no longer act: the kept standing of each is dropped.
        clients.ForgetAll();
        return node;
    }

    /// <summary>A node the caller may see: inside their subtree, or one of their own ancestors (for breadcrumbs).</summary>
    public async Task<OrgNode> GetAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var node = await db.OrgNodes.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, ct);
        return node is not null && MaySee(caller, node) ? node : throw DomainException.NotFound($"No org node {id} within your reach.");
    }

    public async Task<OrgNode> GetByPathAsync(Caller caller, string? path, CancellationToken ct)
    {
        var node = await FindByPathAsync(path, ct, tracking: false);
        return node is not null && MaySee(caller, node) ? node : throw DomainException.NotFound($"No org node '{path}' within your reach.");
    }

    /// <summary>The children of <paramref name="parentPath"/>, or the caller's own node when none is given.</summary>
    public async Task<List<OrgNode>> ListChildrenAsync(Caller caller, string? parentPath, bool includeRetired, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(parentPath))
        {
            var own = caller.OrgPath is null ? null : await FindByPathAsync(caller.OrgPath.Value, ct, tracking: false);
            return own is null ? [] : [own];
        }
        var parent = await GetByPathAsync(caller, parentPath, ct);
        // Children of an ancestor the caller merely sees are outside the caller's subtree, except the branch leading to them.
        return (await db.OrgNodes.AsNoTracking()
                .Where(n => n.ParentId == parent.Id && (includeRetired || n.RetiredAt == null))
                .OrderBy(n => n.Code).ToListAsync(ct))
            .Where(n => MaySee(caller, n)).ToList();
    }

    internal static bool MaySee(Caller caller, OrgNode node) =>
        caller.OrgPath is { } own && (node.OrgPath.IsWithin(own) || own.IsWithin(node.OrgPath));

    private async Task<OrgNode> GetForChangeAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var node = await db.OrgNodes.FirstOrDefaultAsync(n => n.Id == id, ct);
        if (node is null || !MaySee(caller, node)) throw DomainException.NotFound($"No org node {id} within your reach.");
        await permissions.EnsurePermittedAsync(caller, IdentityPermissions.OrgManage, node.OrgPath, ct);
        return node;
    }

    /// <summary>
    /// The root's path: the record of what belongs to the whole deployment (roles, signing keys), so
    /// that only a caller at the root passes the org-scope half of the permission check.
    /// </summary>
    internal static async Task<OrgPath> RootPathAsync(IdentityDb db, CancellationToken ct) =>
        OrgPath.Parse(await db.OrgNodes.AsNoTracking().Where(n => n.ParentId == null).Select(n => n.Path).FirstOrDefaultAsync(ct)
            ?? throw DomainException.RuleViolated("OrgRootExists", "The org tree has no root yet."));

    /// <summary>
    /// The record of a read of "everything within my reach" (users, the audit trail): the caller's own
    /// node. A caller whose token names no org is checked against the root, which the permission check
    /// refuses either way, naming the permission they lack or their missing org.
    /// </summary>
    internal static async Task<OrgPath> OwnSubtreeAsync(Caller caller, IdentityDb db, CancellationToken ct) =>
        caller.OrgPath ?? await RootPathAsync(db, ct);

    /// <summary>
    /// A path is given once: refused while a node has it, and for ever once a node had it (moved away,
    /// or retired). Grid and mediation move records by path; a new node on a freed code would inherit them.
    /// </summary>
    private async Task EnsureNeverGivenAsync(string path, string field, CancellationToken ct)
    {
        var holder = await db.OrgNodes.AsNoTracking().Where(n => n.Path == path).Select(n => new { n.RetiredAt }).FirstOrDefaultAsync(ct);
        if (holder is { RetiredAt: null }) throw DomainException.Duplicate($"The org node {path} exists already.");
        if (holder is not null)
            throw new DomainException(DomainErrorKind.RuleViolated,
                $"The code path {path} was given to a node before (now retired); a code path is never given again: choose another code.",
                field, "OrgCodeIsNeverGivenAgain");
        if (await db.UsedOrgPaths.AnyAsync(p => p.Path == path, ct))
            throw new DomainException(DomainErrorKind.RuleViolated,
                $"The code path {path} was given to a node before (now moved away); a code path is never given again: choose another code.",
                field, "OrgCodeIsNeverGivenAgain");
    }

    private async Task<OrgNode?> FindByPathAsync(string? path, CancellationToken ct, bool tracking = true)
    {
        if (!OrgPath.TryParse(path, out _)) return null;
        var query = tracking ? db.OrgNodes : db.OrgNodes.AsNoTracking();
        return await query.FirstOrDefaultAsync(n => n.Path == path, ct);
    }

    private static void CheckChildLevel(OrgNode parent, OrgLevel child)
    {
        if ((int)child != (int)parent.Level + 1)
            throw DomainException.RuleViolated("ChildIsOneLevelBelowParent",
                $"A {child.Name()} cannot sit under the {parent.Level.Name()} {parent.Path}: a node's parent is the level just above it.");
    }

    private static string CheckName(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 100 || trimmed.Any(char.IsControl))
            throw DomainException.Invalid("name", "The name must be 1 to 100 characters, without control characters.");
        return trimmed;
    }

    private void Touch(OrgNode node)
    {
        node.UpdatedAt = Now;
        node.Version = Guid.NewGuid();
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    // The unique path index catches a node created at the same moment.
    private Task SaveAsync(string path, CancellationToken ct) =>
        db.SaveOrConflictAsync(() => DomainException.Duplicate($"The org node {path} exists already."),
            () => DomainException.RuleViolated("OrgNodeChangedMeanwhile", $"The node {path} was changed by someone else meanwhile; reload and try again."), ct);
}
