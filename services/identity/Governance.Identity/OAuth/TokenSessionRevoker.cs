using Governance.Identity.Data;
using Governance.Identity.Users;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Governance.Identity.OAuth;

/// <summary>
/// Ends a user's sessions: every refresh token (and stored code) OpenIddict holds for the user is
/// marked revoked on the caller's context, so it commits with the disable or reset that asked for
/// it. OpenIddict's caches live one request, so the next refresh reads the new status. The browser
/// session ends too: its cookie carries the account's version, which the change moved on.
/// </summary>
internal sealed class TokenSessionRevoker : IUserSessionRevoker
{
    public async Task RevokeAllAsync(IdentityDb db, Guid userId, string reason, CancellationToken ct)
    {
        var subject = userId.ToString();
        foreach (var token in await db.Set<OpenIddictEntityFrameworkCoreToken>()
                     .Where(t => t.Subject == subject && t.Status != Statuses.Revoked).ToListAsync(ct))
            token.Status = Statuses.Revoked;
        foreach (var authorization in await db.Set<OpenIddictEntityFrameworkCoreAuthorization>()
                     .Where(a => a.Subject == subject && a.Status != Statuses.Revoked).ToListAsync(ct))
            authorization.Status = Statuses.Revoked;
    }
}
