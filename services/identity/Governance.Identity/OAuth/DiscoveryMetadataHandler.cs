using Governance.ServiceDefaults.Auth;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Governance.Identity.OAuth;

/// <summary>What the discovery document says beyond OpenIddict's: where the role → permission map is, and the claims tokens carry.</summary>
internal sealed class DiscoveryMetadataHandler(IOptions<IdentityOptions> identity) : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
        .UseSingletonHandler<DiscoveryMetadataHandler>()
        .SetOrder(int.MaxValue - 100_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        var issuer = identity.Value.Issuer?.TrimEnd('/') ?? context.Transaction.GetHttpRequest() switch
        {
            { } request => $"{request.Scheme}://{request.Host}{request.PathBase}",
            null => null,
        };
        if (issuer is not null) context.Metadata["governance_roles_uri"] = issuer + RolePermissions.Path;
        context.Claims.UnionWith(UserTokens.ClaimsSupported);
        return default;
    }
}
