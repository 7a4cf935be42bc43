using Governance.Identity.Data;
using Governance.Identity.Users;
using Microsoft.EntityFrameworkCore;

namespace Governance.Identity.Tokens;

/// <summary>
/// Ends a user's sessions by revoking every live refresh token they hold, staged on the caller's
/// context so it commits with the disable or password reset that asked for it. Access tokens
/// already out live on for at most their 5 minutes.
/// </summary>
internal sealed class RefreshTokenSessionRevoker(TimeProvider clock) : IUserSessionRevoker
{
    public async Task RevokeAllAsync(IdentityDb db, Guid userId, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var token in await db.Set<RefreshToken>().Where(t => t.UserId == userId && t.RevokedAt == null).ToListAsync(ct))
            token.RevokedAt = now;
    }
}
