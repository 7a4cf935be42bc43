using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Governance.ServiceDefaults.Auth;

/// <summary>Bearer-token authentication against the identity service's keys, and authorization that denies by default.</summary>
public static class AuthExtensions
{
    /// <summary>The authentication scheme name.</summary>
    public const string Scheme = "Bearer";

    /// <summary>
    /// Binds <see cref="AuthOptions"/>, registers the bearer handler and its key cache, and makes
    /// every endpoint require an authenticated caller unless it says <c>.AllowAnonymous()</c>.
    /// </summary>
    public static IHostApplicationBuilder AddDefaultAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .Validate(o => o.Issuer is null || Uri.TryCreate(o.Issuer, UriKind.Absolute, out _), "Auth:Issuer must be an absolute URL.")
            .Validate(o => o.Issuer is null || !string.IsNullOrWhiteSpace(o.Audience), "Auth:Audience is required when Auth:Issuer is set.")
            .Validate(o => o.JwksUri is null || o.JwksUri.IsAbsoluteUri, "Auth:JwksUri must be an absolute URL.")
            .Validate(o => o.Algorithms.All(AuthOptions.PermittedAlgorithms.Contains),
                "Auth:ValidAlgorithms may only list RS*, PS* and ES* algorithms; never none or HS*.")
            .Validate(o => o.ClockSkew >= TimeSpan.Zero && o.ClockSkew <= TimeSpan.FromMinutes(5), "Auth:ClockSkew must be 0 to 5 minutes.")
            .Validate(o => o.JwksMinRefreshInterval > TimeSpan.Zero && o.JwksRefreshInterval >= o.JwksMinRefreshInterval,
                "Auth:JwksMinRefreshInterval must be positive and not above Auth:JwksRefreshInterval.")
            .ValidateOnStart();

        builder.Services.TryAddSingleton(TimeProvider.System);
        // The key set is a few kilobytes; a slow or huge answer is a broken issuer, not a reason to wait.
        builder.Services.AddHttpClient(JwksSource.HttpClientName, http =>
        {
            http.Timeout = TimeSpan.FromSeconds(5);
            http.MaxResponseContentBufferSize = 1024 * 1024;
        });
        builder.Services.AddSingleton<JwksSource>();
        builder.Services.AddSingleton<JwksKeyCache>();
        builder.Services.AddSingleton<ValidatedTokens>();
        builder.Services.AddSingleton<RolePermissions>();
        builder.Services.AddHostedService<AuthStartupCheck>();

        builder.Services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(Scheme, null);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().Build());
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ForbiddenProblemResultHandler>();
        return builder;
    }
}
