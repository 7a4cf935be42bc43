using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Governance.Identity.OAuth;

/// <summary>
/// RFC 6749 §5.1: the token response names the granted scopes unless they are exactly those asked
/// for. OpenIddict leaves <c>scope</c> out whenever they match what was asked (and when nothing was
/// asked and the client got its defaults); a client must not have to decode the token to learn what
/// it may do, so it is always there.
/// </summary>
internal sealed class ScopeInResponseHandler : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
        .UseSingletonHandler<ScopeInResponseHandler>()
        .SetOrder(OpenIddictServerHandlers.AttachSignInParameters.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (context.EndpointType == OpenIddictServerEndpointType.Token && context.Response.AccessToken is not null && context.AccessTokenPrincipal is { } principal)
            context.Response.Scope = string.Join(' ', principal.GetScopes());
        return default;
    }
}
