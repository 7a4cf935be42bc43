namespace Governance.Identity.Roles;

/// <summary>A role and the permissions it carries, held as data so a county can adjust them without a release.</summary>
public sealed class Role
{
    public required string Name { get; init; }
    public required string Description { get; set; }

    /// <summary>True for roles whose holders must sign in with a second factor (TOTP).</summary>
    public bool RequiresSecondFactor { get; set; }

    public List<RolePermission> Permissions { get; init; } = [];
}

/// <summary>One permission a role carries, e.g. <c>incident.dispatch</c>.</summary>
public sealed class RolePermission
{
    public required string Role { get; init; }
    public required string Permission { get; init; }
}
