using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Governance.Identity.OAuth;

/// <summary>
/// A department's system's access token (client credentials) is not stored: it is a signed JWT of
/// five minutes that every service checks on its own, it is never refreshed, and storing each one
/// made every token a write. What storage gave it (revocation of that one token, RFC 7009) answers
/// <c>unsupported_token_type</c> instead, which §2.2.1 allows; a compromised client's secret is
/// rotated, and its tokens die within their five minutes. Codes, refresh tokens and the access
/// tokens of people's sign-ins are still stored, so a sign-in can be ended.
/// </summary>
internal sealed class UnstoredClientTokensHandler : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
        .UseSingletonHandler<UnstoredClientTokensHandler>()
        .SetOrder(OpenIddictServerHandlers.Protection.CreateTokenEntry.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        if (context.TokenType == TokenTypeIdentifiers.AccessToken && context.Transaction.Request?.IsClientCredentialsGrantType() == true)
            context.CreateTokenEntry = false;
        return default;
    }
}
