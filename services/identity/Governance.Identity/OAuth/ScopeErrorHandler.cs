using Governance.Identity.Clients;
using Governance.Identity.Data;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Governance.Identity.OAuth;

/// <summary>
/// RFC 6749 §5.2: a scope the client may not have is <c>invalid_scope</c>, naming the scope (OpenIddict
/// answers invalid_request): beyond the client's registration, or, for a refresh, beyond the sign-in's.
/// </summary>
internal sealed class ScopeErrorHandler(IdentityDb db, ClientDirectory clients) : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
        .UseScopedHandler<ScopeErrorHandler>()
        .SetOrder(OpenIddictServerHandlers.Exchange.ValidateScopePermissions.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        var request = context.Request;
        if (request.GetScopes() is not { Length: > 0 } scopes) return;
        if (request.IsRefreshTokenGrantType() && context.RefreshTokenPrincipal is { } granted)
        {
            // A refresh may narrow the sign-in's scopes, never widen them (RFC 6749 §6).
            var wider = scopes.Except(granted.GetScopes(), StringComparer.Ordinal).ToList();
            if (wider.Count > 0) context.Reject(Errors.InvalidScope, $"The scope {string.Join(' ', wider)} was not granted at sign-in.");
            return;
        }
        if (!(request.IsClientCredentialsGrantType() || request.IsPasswordGrantType())) return;
        var client = context.ClientId is { } clientId ? (await clients.FindAsync(clientId, db, context.CancellationToken))?.Client : null;
        if (client is null) return; // OpenIddict refuses the client itself
        var refused = scopes.Where(s => !client.ScopeList.Contains(s, StringComparer.Ordinal)
            && !(s == Scopes.OfflineAccess && client.Allows(ClientAdmin.RefreshToken))).ToList();
        if (refused.Count > 0)
            context.Reject(Errors.InvalidScope, $"The scope {string.Join(' ', refused)} is not granted to this client.");
    }
}
