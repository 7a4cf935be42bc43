using Governance.Identity.Audit;
using Governance.Identity.Data;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Governance.Identity.OAuth;

/// <summary>
/// A rotated refresh token presented again after the reuse leeway: either its rightful holder or a
/// thief has a copy, and nobody can tell which, so every token of that sign-in is revoked (OAuth 2.0
/// Security BCP §4.14.2). Done here rather than by OpenIddict's own handler so that the revocation
/// and its audit line are one save. Within the leeway (two refreshes racing with one token, e.g. two
/// browser tabs) OpenIddict lets the second through.
/// </summary>
internal sealed class RefreshReuseHandler(IdentityDb db, AuditTrail audit, TimeProvider clock) : IOpenIddictServerHandler<ValidateTokenContext>
{
    public const string Description = "The refresh token was used already: every token of this sign-in is revoked; sign in again.";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .UseScopedHandler<RefreshReuseHandler>()
        .SetOrder(OpenIddictServerHandlers.Protection.ValidateTokenEntry.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.EndpointType != OpenIddictServerEndpointType.Token || context.TokenId is null || context.AuthorizationId is null) return;
        var ct = context.CancellationToken;
        var token = await db.Set<OpenIddictEntityFrameworkCoreToken>().AsNoTracking()
            .Where(t => t.Id == context.TokenId).Select(t => new { t.Type, t.Status, t.RedemptionDate, t.Subject, ApplicationId = t.Application!.ClientId })
            .FirstOrDefaultAsync(ct);
        if (token is not { Status: Statuses.Redeemed } || token.Type != TokenTypeIdentifiers.RefreshToken) return;
        if (token.RedemptionDate is { } redeemed && clock.GetUtcNow().UtcDateTime < redeemed + (context.Options.RefreshTokenReuseLeeway ?? TimeSpan.Zero)) return;

        var revoked = await SignInRevocation.StageAsync(db, context.AuthorizationId, ct);
        audit.Add(db, token.Subject ?? "unknown", AuditActions.RefreshReused, token.Subject, null,
            $"a rotated refresh token was presented again; {revoked} tokens of the sign-in revoked; authorization {context.AuthorizationId}; client {token.ApplicationId}");
        await db.SaveChangesAsync(ct);
        context.Reject(Errors.InvalidGrant, Description);
    }
}
