using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Governance.Identity.Tokens;

/// <summary>OIDC discovery and the JWKS: anonymous, cacheable for a short while.</summary>
public static class DiscoveryEndpoints
{
    public const string JwksPath = "/.well-known/jwks.json";

    public static IEndpointRouteBuilder MapDiscoveryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/openid-configuration", Discovery).AllowAnonymous();
        app.MapGet(JwksPath, Jwks).AllowAnonymous();
        return app;
    }

    private static IResult Discovery(HttpContext http, IOptions<IdentityOptions> options)
    {
        var issuer = options.Value.Issuer!.TrimEnd('/');
        http.Response.Headers.CacheControl = "public, max-age=300";
        // No authorization endpoint: staff sign in through first-party clients with the password
        // grant (with TOTP where required); departments' systems use client credentials.
        return Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = options.Value.Issuer!,
            ["jwks_uri"] = issuer + JwksPath,
            ["token_endpoint"] = issuer + "/connect/token",
            ["revocation_endpoint"] = issuer + "/connect/revocation",
            ["grant_types_supported"] = new[] { "client_credentials", "password", "refresh_token" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_basic", "client_secret_post", "none" },
            ["revocation_endpoint_auth_methods_supported"] = new[] { "client_secret_basic", "client_secret_post", "none" },
            ["response_types_supported"] = new[] { "token" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "ES256" },
            ["governance_roles_uri"] = issuer + Governance.ServiceDefaults.Auth.RolePermissions.Path,
            ["claims_supported"] = new[] { "sub", "name", "org", "dept", "roles", "scope", "amr", "client_id" },
        });
    }

    private static async Task<IResult> Jwks(HttpContext http, SigningKeyStore keys, CancellationToken ct)
    {
        var published = await keys.PublishedAsync(ct);
        // Short: a rotation must reach validators well within the retired key's overlap window.
        http.Response.Headers.CacheControl = "public, max-age=60";
        return Results.Json(new { keys = published.Select(ToJson) });
    }

    private static Dictionary<string, string> ToJson(Microsoft.IdentityModel.Tokens.JsonWebKey k) => new()
    {
        ["kty"] = k.Kty, ["crv"] = k.Crv, ["use"] = k.Use, ["alg"] = k.Alg, ["kid"] = k.Kid, ["x"] = k.X, ["y"] = k.Y,
    };
}
