using Governance.Identity.Data;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Governance.Identity.OAuth;

/// <summary>
/// Ends one sign-in: every token OpenIddict issued under its authorization (the codes, every rotated
/// refresh token, stored access tokens) is marked revoked on <paramref name="db"/>'s tracked changes,
/// so the caller saves it with its audit line.
/// </summary>
internal static class SignInRevocation
{
    /// <summary>Stages the revocation; returns how many tokens it revokes.</summary>
    public static async Task<int> StageAsync(IdentityDb db, string authorizationId, CancellationToken ct)
    {
        var tokens = await db.Set<OpenIddictEntityFrameworkCoreToken>()
            .Where(t => t.Authorization!.Id == authorizationId && t.Status != Statuses.Revoked).ToListAsync(ct);
        foreach (var token in tokens) token.Status = Statuses.Revoked;
        return tokens.Count;
    }
}
