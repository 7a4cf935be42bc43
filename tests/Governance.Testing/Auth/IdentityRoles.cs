using Governance.Identity.Roles;

namespace Governance.Testing.Auth;

/// <summary>
/// The role → permission map a test issuer serves: identity's own default catalogue, as identity
/// serves it at <c>/.well-known/governance-roles</c>. Read, never copied, so that a service asking
/// for a permission identity's roles do not carry fails its tests.
/// </summary>
public static class IdentityRoles
{
    public static Dictionary<string, string[]> Catalogue() =>
        RoleCatalog.Defaults.ToDictionary(role => role.Name, role => role.Permissions.ToArray());
}
