using Governance.Identity.Data;
using Governance.Identity.Tokens;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;

namespace Governance.Identity.OAuth;

/// <summary>
/// The OAuth 2.0 / OpenID Connect server, on OpenIddict: it speaks the protocol (requests, client
/// authentication, PKCE, codes, refresh rotation with reuse detection, introspection, revocation,
/// discovery, JWKS); identity decides who signs in and what their tokens say (the passthrough
/// endpoints in this folder). Its applications, authorizations and tokens live in identity's database.
/// </summary>
public static class OAuthServerExtensions
{
    public const string AuthorizePath = "/connect/authorize";
    public const string TokenPath = "/connect/token";
    public const string EndSessionPath = "/connect/endsession";
    public const string JwksPath = "/.well-known/jwks.json";

    public static IHostApplicationBuilder AddOAuthServer(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OAuthOptions>().BindConfiguration(OAuthOptions.Section)
            .Validate(o => o.AuthorizationCodeLifetime > TimeSpan.Zero && o.AuthorizationCodeLifetime <= TimeSpan.FromMinutes(10),
                "Identity:OAuth:AuthorizationCodeLifetime must be positive and at most 10 minutes (RFC 6749 §4.1.2).")
            .Validate(o => o.RefreshTokenReuseLeeway >= TimeSpan.Zero && o.RefreshTokenReuseLeeway <= TimeSpan.FromMinutes(1),
                "Identity:OAuth:RefreshTokenReuseLeeway must be 0 to 1 minute: longer lets a thief's copy through.")
            .Validate(o => o.SignInSessionLifetime > TimeSpan.Zero, "Identity:OAuth:SignInSessionLifetime must be positive.")
            .Validate(o => o.ClientCacheLifetime >= TimeSpan.Zero && o.ClientCacheLifetime <= TimeSpan.FromSeconds(30),
                "Identity:OAuth:ClientCacheLifetime must be 0 to 30 seconds: it is how long another replica's change to a client goes unseen.")
            .Validate(o => o.ConsoleRedirectUris.Concat(o.ConsolePostLogoutRedirectUris).All(u => Uri.TryCreate(u, UriKind.Absolute, out _)),
                "Identity:OAuth: the console's redirect URIs must be absolute URLs.")
            .ValidateOnStart();

        builder.Services.AddOpenIddict()
            .AddCore(core =>
            {
                core.UseEntityFrameworkCore().UseDbContext<IdentityDb>();
                core.ReplaceApplicationManager(typeof(HashedSecretApplicationManager<>));
            })
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris(AuthorizePath.TrimStart('/'))
                    .SetTokenEndpointUris(TokenPath.TrimStart('/'))
                    .SetIntrospectionEndpointUris("connect/introspect")
                    .SetRevocationEndpointUris("connect/revocation")
                    .SetEndSessionEndpointUris(EndSessionPath.TrimStart('/'))
                    .SetJsonWebKeySetEndpointUris(JwksPath.TrimStart('/'));
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowClientCredentialsFlow()
                    .AllowRefreshTokenFlow();
                // Access tokens are read by every service's JwtBearer: signed JWTs, not encrypted ones.
                server.DisableAccessTokenEncryption();
                // A sign-in ends when its first refresh token would have: rotation does not extend it.
                server.DisableSlidingRefreshTokenExpiration();
                // Scopes are granted per client (its permissions), not from a scope table.
                server.DisableScopeValidation();
                server.AddEventHandler(CurrentSigningKeyHandler.Descriptor);
                server.AddEventHandler(DiscoveryMetadataHandler.Descriptor);
                server.AddEventHandler(ProtocolRateLimitHandler.Descriptor);
                server.AddEventHandler(RepeatedParametersHandler.Descriptor);
                server.AddEventHandler(ScopeErrorHandler.Descriptor);
                server.AddEventHandler(RefreshReuseHandler.Descriptor);
                server.AddEventHandler(RevocationFamilyHandler.Descriptor);
                server.AddEventHandler(ScopeInResponseHandler.Descriptor);
                server.AddEventHandler(ClientAuthenticationAuditHandler.Descriptor);
                server.AddEventHandler(UnstoredClientTokensHandler.Descriptor);
                server.RemoveEventHandler(OpenIddictServerHandlers.Introspection.ValidateAuthorizedParty.Descriptor);
                server.AddEventHandler(GatewayIntrospectionHandler.Descriptor);
                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
            });
        builder.Services.AddSingleton<ClientDirectory>();
        // A closed registration wins over OpenIddict's open generic one.
        builder.Services.AddScoped<IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication>, DirectoryApplicationCache>();
        builder.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ServerOptionsSetup>();
        builder.Services.AddSingleton<IConfigureOptions<OpenIddictServerAspNetCoreOptions>, ServerOptionsSetup>();
        builder.Services.AddSingleton<IOptionsChangeTokenSource<OpenIddictServerOptions>>(sp => sp.GetRequiredService<SigningKeyStore>());
        builder.Services.AddSingleton<ProtocolRateLimit>();
        builder.Services.AddScoped<UserTokens>();
        builder.Services.AddScoped<ClientApplications>();
        return builder;
    }

    public static IEndpointRouteBuilder MapOAuthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapTokenEndpoint();
        app.MapAuthorizeEndpoint();
        app.MapEndSessionEndpoint();
        return app;
    }
}
