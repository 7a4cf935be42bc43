using Governance.Identity.Clients;
using Governance.Identity.OAuth;
using Governance.Identity.SignIn;
using Governance.Identity.Users;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SignInOptions = Governance.Identity.SignIn.SignInOptions;

namespace Governance.Identity.Tokens;

/// <summary>Sign-in (the page, TOTP, lockout), clients, the OAuth 2.0 / OIDC server, and signing-key rotation.</summary>
public static class TokenServiceExtensions
{
    public static IHostApplicationBuilder AddTokenService(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SignInOptions>().BindConfiguration(SignInOptions.Section)
            .Validate(o => o.LockoutThreshold is > 0 and <= 100, "Identity:SignIn:LockoutThreshold must be 1 to 100: lockout cannot be switched off.")
            .Validate(o => o.FirstLockout > TimeSpan.Zero && o.MaxLockout >= o.FirstLockout, "Identity:SignIn:FirstLockout must be positive and not above MaxLockout.")
            .Validate(o => o.TokenRequestsPerMinute > 0 && o.TokenBurst > 0 && o.UserNameRequestsPerMinute > 0 && o.UserNameBurst > 0,
                "Identity:SignIn: request rates must be positive.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.TotpIssuer), "Identity:SignIn:TotpIssuer must not be empty.")
            .ValidateOnStart();
        builder.Services.AddOptions<SigningKeyRotationOptions>().BindConfiguration(SigningKeyRotationOptions.Section)
            .Validate(o => o.RotateAfter > TimeSpan.Zero && o.CheckEvery > TimeSpan.Zero, "Identity:SigningKeys: RotateAfter and CheckEvery must be positive.")
            .Validate(o => o.PublishAhead >= TimeSpan.Zero, "Identity:SigningKeys:PublishAhead must not be negative.")
            .ValidateOnStart();

        builder.Services.TryAddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        builder.Services.AddSingleton<TotpEnrollment>();
        builder.Services.AddScoped<PasswordSignIn>();
        builder.Services.AddScoped<FirstSignIn>();
        builder.Services.AddScoped<ClientAdmin>();
        builder.Services.AddScoped<IUserSessionRevoker, TokenSessionRevoker>();
        builder.Services.AddHostedService<SigningKeyRotationService>();

        builder.AddOAuthServer();
        builder.Services.AddKeyRingProtection();
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "governance.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        builder.Services.AddAuthentication().AddCookie(SignInSession.Scheme, cookie =>
        {
            cookie.Cookie.Name = SignInSession.CookieName;
            cookie.Cookie.HttpOnly = true;
            // Lax: the browser comes back to the authorization endpoint by a top-level GET from the client's site.
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.SlidingExpiration = false;
        });
        builder.Services.AddOptions<CookieAuthenticationOptions>(SignInSession.Scheme)
            .Configure<IOptions<OAuthOptions>>((cookie, oauth) => cookie.ExpireTimeSpan = oauth.Value.SignInSessionLifetime);
        return builder;
    }

    public static IEndpointRouteBuilder MapTokenService(this IEndpointRouteBuilder app)
    {
        app.MapOAuthEndpoints();
        app.MapSignInPage();
        app.MapClientsApi();
        app.MapSigningKeysApi();
        app.MapMeApi();
        return app;
    }
}
