using System.Security.Claims;
using Governance.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Governance.Console.Auth;

/// <summary>
/// The console's sign-in as a backend-for-frontend: identity's authorization code flow with PKCE as the public client
/// <c>console</c>, run by this server; the browser gets one HTTP-only, SameSite=Lax cookie holding a session key, and the
/// tokens stay in <see cref="SessionTicketStore"/>. These schemes are added beside the services' bearer scheme, which
/// stays the default: the REST APIs never accept the console's cookie, so a page cannot be made to call them by a
/// cross-site request.
/// </summary>
public static class ConsoleAuthentication
{
    public const string CookieScheme = "console-cookie";
    public const string OidcScheme = "console-oidc";
    public const string Policy = "console";

    public static void Add(IServiceCollection services)
    {
        services.AddSingleton<SessionTicketStore>();
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, SessionStoreSetup>();
        services.AddScoped<SessionTokens>();
        services.AddAuthentication()
            .AddCookie(CookieScheme, cookie =>
            {
                cookie.Cookie.Name = "governance-console";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure whenever the request came over HTTPS
                cookie.Cookie.Path = "/";
                cookie.SlidingExpiration = true;
                cookie.ForwardChallenge = OidcScheme;
                cookie.AccessDeniedPath = ConsoleOptions.BasePath + "/denied";
            })
            .AddOpenIdConnect(OidcScheme, _ => { });
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme)
            .Configure<IOptions<ConsoleOptions>>((cookie, console) => cookie.ExpireTimeSpan = console.Value.SessionIdleTimeout);
        services.AddOptions<OpenIdConnectOptions>(OidcScheme).Configure<IOptions<ConsoleOptions>>(Configure);
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(CookieScheme).RequireAuthenticatedUser());
    }

    private static void Configure(OpenIdConnectOptions oidc, IOptions<ConsoleOptions> console)
    {
        var o = console.Value;
        oidc.SignInScheme = CookieScheme;
        oidc.Authority = o.Authority;
        oidc.RequireHttpsMetadata = o.RequireHttpsMetadata;
        oidc.ClientId = o.ClientId;
        oidc.ResponseType = OpenIdConnectResponseType.Code;
        // The code comes back on a same-site redirect (query), so the correlation cookies can be SameSite=Lax rather
        // than None, which browsers refuse without HTTPS.
        oidc.ResponseMode = OpenIdConnectResponseMode.Query;
        oidc.UsePkce = true;
        oidc.SaveTokens = true;
        oidc.MapInboundClaims = false;
        oidc.GetClaimsFromUserInfoEndpoint = false;
        oidc.Scope.Clear();
        oidc.Scope.Add("openid");
        oidc.Scope.Add("governance");
        oidc.CallbackPath = ConsoleOptions.BasePath + "/signin-oidc";
        oidc.SignedOutCallbackPath = ConsoleOptions.BasePath + "/signout-callback-oidc";
        oidc.SignedOutRedirectUri = ConsoleOptions.BasePath;
        oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
        oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.NonceCookie.SameSite = SameSiteMode.Lax;
        oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.TokenValidationParameters.NameClaimType = ConsoleClaims.Name;
        oidc.TokenValidationParameters.RoleClaimType = GovernanceClaims.Role;
        oidc.Events.OnTokenValidated = FromAccessToken;
        // The browser asks for the sign-in page in the console's language.
        oidc.Events.OnRedirectToIdentityProvider = context =>
        {
            context.ProtocolMessage.UiLocales = ConsoleLanguage.Of(context.HttpContext.Request) == Language.English ? "en" : "zh-CN";
            return Task.CompletedTask;
        };
    }

    /// <summary>
    /// The session's user is the access token's: its posts, roles, org and department decide what the console offers,
    /// as they decide what the services permit. The token came straight from identity's token endpoint, so it is read,
    /// not validated again (the services validate it on every call). A fresh session key goes with it.
    /// </summary>
    private static Task FromAccessToken(TokenValidatedContext context)
    {
        var access = context.TokenEndpointResponse?.AccessToken;
        if (string.IsNullOrEmpty(access))
        {
            context.Fail("identity answered no access token");
            return Task.CompletedTask;
        }
        var token = new JsonWebToken(access);
        string[] kept = ["sub", "name", "org", "posts", "dept", "amr", "client_id"];
        // Roles and scopes one claim per value under the names the shared Caller reads, as the bearer handler makes them.
        var claims = token.Claims.Where(c => kept.Contains(c.Type)).Select(c => new Claim(c.Type, c.Value))
            .Concat(Split(token, "roles", GovernanceClaims.Role)).Concat(Split(token, "scope", GovernanceClaims.Scope));
        var identity = new ClaimsIdentity(claims, "console", ConsoleClaims.Name, GovernanceClaims.Role);
        identity.AddClaim(new Claim(ConsoleClaims.Session, Guid.NewGuid().ToString("N")));
        context.Principal = new ClaimsPrincipal(identity);
        return Task.CompletedTask;
    }

    private static IEnumerable<Claim> Split(JsonWebToken token, string source, string type) =>
        token.Claims.Where(c => c.Type == source).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal).Select(v => new Claim(type, v));

    /// <summary>Sign-in and sign-out endpoints under the console's path.</summary>
    public static void MapEndpoints(IEndpointRouteBuilder app)
    {
        // Signing out is a POST (a link cannot do it); the SameSite=Lax cookie is not sent on another site's POST.
        app.MapPost(ConsoleOptions.BasePath + "/signout", async (HttpContext http) =>
        {
            // The OIDC handler reads the ID token (the end-session hint) from the session, so it signs out first, then the
            // cookie, whose removal also drops the session's tokens from the store.
            await http.SignOutAsync(OidcScheme, new AuthenticationProperties { RedirectUri = ConsoleOptions.BasePath });
            await http.SignOutAsync(CookieScheme);
        }).RequireAuthorization(Policy).DisableAntiforgery();
    }
}
