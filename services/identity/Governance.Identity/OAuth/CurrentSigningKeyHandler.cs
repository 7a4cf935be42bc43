using Governance.Identity.Tokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Governance.Identity.OAuth;

/// <summary>
/// Picks the key for each token OpenIddict writes: access and ID tokens with the signing key of the
/// moment (ES256, in the JWKS, validated by every service); everything else (codes, refresh tokens),
/// which only identity reads, with the internal key derived from the key encryption key.
/// </summary>
internal sealed class CurrentSigningKeyHandler(SigningKeyStore keys) : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
        .UseSingletonHandler<CurrentSigningKeyHandler>()
        .SetOrder(OpenIddictServerHandlers.Protection.AttachSecurityCredentials.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(GenerateTokenContext context) =>
        context.SigningCredentials = context.TokenType is TokenTypeIdentifiers.AccessToken or TokenTypeIdentifiers.IdentityToken
            ? await keys.CurrentAsync(context.CancellationToken)
            : context.Options.SigningCredentials.First(c => c.Key.KeyId == ServerOptionsSetup.InternalKeyId);
}
