using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Governance.ServiceDefaults.Auth;

/// <summary>Bearer-token authentication (JwtBearer) against the identity service's keys, and authorization that denies by default.</summary>
public static class AuthExtensions
{
    /// <summary>The authentication scheme name.</summary>
    public const string Scheme = JwtBearerDefaults.AuthenticationScheme;

    /// <summary>
    /// Binds <see cref="AuthOptions"/>, registers JwtBearer under <see cref="Scheme"/>, and makes
    /// every endpoint require an authenticated caller unless it says <c>.AllowAnonymous()</c>.
    /// </summary>
    public static IHostApplicationBuilder AddDefaultAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .Validate(o => o.Issuer is null || Uri.TryCreate(o.Issuer, UriKind.Absolute, out _), "Auth:Issuer must be an absolute URL.")
            .Validate(o => o.Issuer is null || !string.IsNullOrWhiteSpace(o.Audience), "Auth:Audience is required when Auth:Issuer is set.")
            .Validate(o => o.MetadataAddress is null || o.MetadataAddress.IsAbsoluteUri, "Auth:MetadataAddress must be an absolute URL.")
            .Validate(o => o.Issuer is null || !o.HttpsRequired || o.Metadata.StartsWith("https://", StringComparison.OrdinalIgnoreCase),
                "Auth:Issuer (or Auth:MetadataAddress) must use https unless it is on loopback or Auth:RequireHttpsMetadata is false.")
            .Validate(o => o.JwksMinRefreshInterval >= TimeSpan.FromSeconds(1) && o.JwksRefreshInterval >= TimeSpan.FromMinutes(5),
                "Auth:JwksMinRefreshInterval must be at least 1 second and Auth:JwksRefreshInterval at least 5 minutes.")
            .Validate(o => o.ValidatedTokenCacheSize >= 0, "Auth:ValidatedTokenCacheSize must not be negative.")
            .ValidateOnStart();

        builder.Services.TryAddSingleton(TimeProvider.System);
        // Discovery, keys and roles are a few kilobytes; a slow or huge answer is a broken issuer, not a reason to wait.
        builder.Services.AddHttpClient(IssuerConfiguration.HttpClientName, http =>
        {
            http.Timeout = TimeSpan.FromSeconds(5);
            http.MaxResponseContentBufferSize = 1024 * 1024;
        });
        builder.Services.AddSingleton<RolePermissions>();
        builder.Services.AddSingleton<BearerEvents>();
        builder.Services.AddSingleton<ValidatedTokenCache>();
        builder.Services.AddHostedService<AuthStartupCheck>();

        builder.Services.AddAuthentication(Scheme).AddJwtBearer(Scheme);
        builder.Services.AddOptions<JwtBearerOptions>(Scheme).Configure<IOptions<AuthOptions>, IHttpClientFactory>(Configure);
        // No scheme named in the policy: the authentication middleware has already run the default
        // scheme (this one), and naming it would make every request authenticate a second time and
        // merge the principal into a copy.
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ForbiddenProblemResultHandler>();
        return builder;
    }

    private static void Configure(JwtBearerOptions bearer, IOptions<AuthOptions> auth, IHttpClientFactory httpClients)
    {
        var o = auth.Value;
        bearer.EventsType = typeof(BearerEvents);
        bearer.MapInboundClaims = false; // claims keep their JWT names: sub, org, roles, scope
        bearer.RefreshOnIssuerKeyNotFound = true;
        bearer.TokenValidationParameters = new TokenValidationParameters
        {
            // An issuer at a root URL names itself with or without the final '/': OpenIddict (like
            // System.Uri) writes "https://identity.example/", configuration often says it without.
            ValidIssuers = o.Issuer is null ? null : [o.Issuer.TrimEnd('/'), o.Issuer.TrimEnd('/') + "/"],
            ValidAudience = o.Audience,
            ValidAlgorithms = [AuthOptions.Algorithm],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = AuthOptions.ClockSkew,
            NameClaimType = GovernanceClaims.Subject,
            RoleClaimType = GovernanceClaims.Role,
        };
        // Without an issuer there is nothing to fetch: BearerEvents refuses every token.
        if (o.Issuer is null) return;
        bearer.MetadataAddress = o.Metadata;
        bearer.RequireHttpsMetadata = o.HttpsRequired;
        bearer.ConfigurationManager = IssuerConfiguration.Create(o, httpClients.CreateClient(IssuerConfiguration.HttpClientName));
    }
}
