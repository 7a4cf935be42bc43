using Governance.Identity.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Governance.Identity.Tokens;

/// <summary>
/// <c>POST /connect/token</c> (RFC 6749) and <c>POST /connect/revocation</c> (RFC 7009):
/// anonymous (the client authenticates in the request), rate limited per address, never cached.
/// </summary>
public static class TokenEndpoints
{
    public const string RateLimitPolicy = "identity-token";

    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/connect/token", Token).AllowAnonymous().RequireRateLimiting(RateLimitPolicy);
        app.MapPost("/connect/revocation", Revoke).AllowAnonymous().RequireRateLimiting(RateLimitPolicy);
        return app;
    }

    private static async Task<IResult> Token(HttpContext http, TokenGrants grants, CancellationToken ct)
    {
        NoStore(http);
        try
        {
            var request = await TokenRequest.ReadAsync(http.Request, ct);
            return Results.Json(await grants.IssueAsync(request, ct));
        }
        catch (TokenError error)
        {
            return Error(http, error);
        }
    }

    /// <summary>
    /// Revokes a refresh token's whole family. Unknown tokens, other clients' tokens and access
    /// tokens all answer 200 (RFC 7009 §2.2), the last because access tokens are self-contained
    /// JWTs that live 5 minutes: there is no list of them to strike one from.
    /// </summary>
    private static async Task<IResult> Revoke(HttpContext http, ClientAuthenticator clients, RefreshTokenStore refreshTokens, CancellationToken ct)
    {
        NoStore(http);
        try
        {
            var request = await TokenRequest.ReadAsync(http.Request, ct);
            var client = await clients.AuthenticateAsync(request, ct);
            var value = request.Required("token");
            // token_type_hint is only a hint (§2.1): every token is looked up as a refresh token.
            var token = await refreshTokens.FindAsync(value, ct);
            if (token is not null && token.ClientId == client.ClientId && token.RevokedAt is null)
                await refreshTokens.RevokeFamilyAsync(token, client.ClientId, AuditActions.TokenRevoked, "revoked at the client's request", null, ct);
            return Results.Ok();
        }
        catch (TokenError error)
        {
            return Error(http, error);
        }
    }

    private static IResult Error(HttpContext http, TokenError error)
    {
        if (error.Challenge) http.Response.Headers.WWWAuthenticate = "Basic realm=\"governance\", charset=\"UTF-8\"";
        return Results.Json(new Dictionary<string, string> { ["error"] = error.Error, ["error_description"] = error.Description },
            statusCode: error.Status);
    }

    // RFC 6749 §5.1: responses with tokens (and their errors) must not be cached.
    private static void NoStore(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
    }
}
