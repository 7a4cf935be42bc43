using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Governance.Identity.OAuth;

/// <summary>
/// Who may introspect what (RFC 7662 §4 leaves it to the server). OpenIddict answers only the client
/// a token was issued to or one named in its audience; a department's gateway is neither, yet it is who
/// introspection is for here. So: a platform access token (audience <c>governance</c>) may be
/// introspected by any confidential client granted the introspection endpoint (an admin registered
/// it); a refresh token only by the client it was issued to. Replaces OpenIddict's check.
/// </summary>
internal sealed class GatewayIntrospectionHandler(IOptions<IdentityOptions> identity) : IOpenIddictServerHandler<ValidateIntrospectionRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateIntrospectionRequestContext>()
        .UseSingletonHandler<GatewayIntrospectionHandler>()
        .SetOrder(OpenIddictServerHandlers.Introspection.ValidateAuthorizedParty.Descriptor.Order)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ValidateIntrospectionRequestContext context)
    {
        var token = context.GenericTokenPrincipal;
        if (token is null || context.ClientId is not { } caller || token.HasPresenter(caller)) return default;
        var allowed = token.GetTokenType() == TokenTypeIdentifiers.AccessToken && token.HasAudience(identity.Value.Audience);
        if (!allowed)
            context.Reject(Errors.InvalidToken, "This client may not introspect this token: only the client it was issued to may.");
        return default;
    }
}
