using System.Threading.RateLimiting;
using Governance.Identity.Clients;
using Governance.Identity.SignIn;
using Governance.Identity.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SignInOptions = Governance.Identity.SignIn.SignInOptions;

namespace Governance.Identity.Tokens;

/// <summary>Sign-in, clients, the token and revocation endpoints, and signing-key rotation.</summary>
public static class TokenServiceExtensions
{
    public static IHostApplicationBuilder AddTokenService(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SignInOptions>().BindConfiguration(SignInOptions.Section)
            .Validate(o => o.LockoutThreshold is > 0 and <= 100, "Identity:SignIn:LockoutThreshold must be 1 to 100: lockout cannot be switched off.")
            .Validate(o => o.FirstLockout > TimeSpan.Zero && o.MaxLockout >= o.FirstLockout, "Identity:SignIn:FirstLockout must be positive and not above MaxLockout.")
            .Validate(o => o.TokenRequestsPerMinute > 0 && o.TokenBurst > 0, "Identity:SignIn: token request rates must be positive.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.TotpIssuer), "Identity:SignIn:TotpIssuer must not be empty.")
            .ValidateOnStart();
        builder.Services.AddOptions<SigningKeyRotationOptions>().BindConfiguration(SigningKeyRotationOptions.Section)
            .Validate(o => o.RotateAfter > TimeSpan.Zero && o.CheckEvery > TimeSpan.Zero, "Identity:SigningKeys: RotateAfter and CheckEvery must be positive.")
            .ValidateOnStart();

        builder.Services.TryAddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        builder.Services.AddSingleton<TotpEnrollment>();
        builder.Services.AddScoped<PasswordSignIn>();
        builder.Services.AddScoped<ClientAdmin>();
        builder.Services.AddScoped<ClientAuthenticator>();
        builder.Services.AddScoped<RefreshTokenStore>();
        builder.Services.AddScoped<IUserSessionRevoker, RefreshTokenSessionRevoker>();
        builder.Services.AddScoped<TokenGrants>();
        builder.Services.AddHostedService<SigningKeyRotationService>();

        // Per client address: lockout guards each account, this guards against one address trying many.
        builder.Services.Configure<RateLimiterOptions>(rate => rate.AddPolicy(TokenEndpoints.RateLimitPolicy, http =>
        {
            var o = http.RequestServices.GetRequiredService<IOptions<SignInOptions>>().Value;
            return RateLimitPartition.GetTokenBucketLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = o.TokenBurst,
                TokensPerPeriod = Math.Max(1, o.TokenRequestsPerMinute / 60),
                ReplenishmentPeriod = o.TokenRequestsPerMinute >= 60 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(60.0 / o.TokenRequestsPerMinute),
                QueueLimit = 0,
            });
        }));
        return builder;
    }

    public static IEndpointRouteBuilder MapTokenService(this IEndpointRouteBuilder app)
    {
        app.MapTokenEndpoints();
        app.MapClientsApi();
        app.MapSigningKeysApi();
        app.MapMeApi();
        return app;
    }
}
