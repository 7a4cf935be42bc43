using Governance.Identity.Audit;
using Governance.Identity.Data;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Governance.Identity.OAuth;

/// <summary>
/// RFC 7009 §2.1: revoking a refresh token may revoke the tokens of the same grant; here it does, so
/// a client signing a user out ends the whole sign-in (every rotated successor), audited in the same save.
/// </summary>
internal sealed class RevocationFamilyHandler(IdentityDb db, AuditTrail audit) : IOpenIddictServerHandler<HandleRevocationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleRevocationRequestContext>()
        .UseScopedHandler<RevocationFamilyHandler>()
        .SetOrder(OpenIddictServerHandlers.Revocation.RevokeToken.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(HandleRevocationRequestContext context)
    {
        var principal = context.GenericTokenPrincipal;
        if (principal is null || principal.GetTokenType() != TokenTypeIdentifiers.RefreshToken || principal.GetAuthorizationId() is not { } authorization) return;
        var ct = context.CancellationToken;
        await SignInRevocation.StageAsync(db, authorization, ct);
        var subject = principal.GetClaim(Claims.Subject);
        audit.Add(db, context.Request.ClientId ?? "unknown", AuditActions.TokenRevoked, subject, null,
            $"revoked at the client's request; authorization {authorization}; client {context.Request.ClientId}");
        await db.SaveChangesAsync(ct);
    }
}
