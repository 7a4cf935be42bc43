using System.Security.Claims;
using Governance.ServiceDefaults.Auth;

namespace Governance.Console.Auth;

/// <summary>
/// What the signed-in user may do, decided as the services decide it: a permission is held when one of the user's live
/// posts has a role carrying it (identity's role document, through the shared <see cref="RolePermissions"/>). The console
/// only offers what this allows; the services check every call again.
/// </summary>
public sealed class ConsoleUser(RolePermissions permissions, TimeProvider time)
{
    public Caller Caller(ClaimsPrincipal user) => ServiceDefaults.Auth.Caller.From(user, time.GetUtcNow());

    /// <summary>True when any of the user's posts carries <paramref name="permission"/>.</summary>
    public async Task<bool> HoldsAsync(ClaimsPrincipal user, string permission, CancellationToken ct = default) =>
        user.Identity?.IsAuthenticated == true && (await permissions.PostsCarryingAsync(Caller(user), permission, ct)).Count > 0;

    /// <summary>True when a post carrying <paramref name="permission"/> reaches <paramref name="orgPath"/> (whole segments).</summary>
    public async Task<bool> HoldsAtAsync(ClaimsPrincipal user, string permission, string orgPath, CancellationToken ct = default) =>
        OrgPath.TryParse(orgPath, out var path)
        && (await permissions.PostsCarryingAsync(Caller(user), permission, ct)).Any(p => p.Reaches(path!));
}
