namespace Governance.Identity.Roles;

/// <summary>
/// The permissions identity's own endpoints and rpcs ask for, through the platform's one check
/// (ServiceDefaults' <c>RolePermissions.EnsurePermittedAsync</c>, ADR 0005): which roles carry them
/// is data (the roles table, seeded from <see cref="RoleCatalog"/>), never a role name in code, so a
/// county can give account reads to a help desk without making it an admin.
/// </summary>
public static class IdentityPermissions
{
    /// <summary>Create, rename, move and retire org nodes; the record is the node (and, when moving, its new parent).</summary>
    public const string OrgManage = "org.manage";

    /// <summary>Create, rename and retire member departments; the record is the department's node.</summary>
    public const string DepartmentManage = "department.manage";

    /// <summary>Read accounts (REST and gRPC <c>GetUser</c>, <c>ListUsers</c>, <c>CheckPermission</c> about another user); the record is the user's node or the listed subtree.</summary>
    public const string UserRead = "user.read";

    /// <summary>Create and change accounts, their roles and credentials; the record is the user's node (and, when moving, the new one).</summary>
    public const string UserManage = "user.manage";

    /// <summary>Replace a role's permissions; roles are the whole deployment's, so the record is the tree's root.</summary>
    public const string RoleManage = "role.manage";

    /// <summary>Register OAuth2 clients and rotate their secrets; the record is the client's node.</summary>
    public const string ClientManage = "client.manage";

    /// <summary>Rotate the token signing key at once; the key signs for the whole tree, so the record is its root.</summary>
    public const string SigningKeyRotate = "signing-key.rotate";

    /// <summary>Read the audit trail; the record is the reader's own subtree.</summary>
    public const string AuditRead = "audit.read";
}
