using System.Security.Claims;
using System.Text.Encodings.Web;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Governance.ServiceDefaults.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;jwt&gt;</c> against the issuer's published keys, and
/// answers refusals as RFC 6750 challenges with RFC 9457 bodies. The token is never logged or echoed.
/// </summary>
internal sealed partial class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptions<AuthOptions> auth,
    JwksKeyCache keys,
    ValidatedTokens validated)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    /// <summary>Key of the <see cref="AuthenticationProperties"/> item carrying a 403's reason.</summary>
    public const string ForbiddenDetailKey = "governance.forbidden.detail";

    private static readonly JsonWebTokenHandler Tokens = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();

        var (identity, refusal) = await ValidateAsync(token);
        if (identity is not null) return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
        LogRefused(Logger, refusal!, Request.Method, Request.Path.Value ?? "");
        return AuthenticateResult.Fail(refusal!);
    }

    private async Task<(ClaimsIdentity? Identity, string? Refusal)> ValidateAsync(string token)
    {
        var o = auth.Value;
        if (o.Issuer is null) return (null, TokenRefusal.NoIssuer);
        if (validated.Find(token, keys.Holds) is { } known) return (known, null);
        if (!Tokens.CanReadToken(token)) return (null, TokenRefusal.Malformed);
        JsonWebToken parsed;
        try { parsed = new JsonWebToken(token); }
        catch (ArgumentException) { return (null, TokenRefusal.Malformed); }
        // Refused before any key is looked at: `none` and HS* (keyed with our public key) are forgeries,
        // and a forgery must not make us refetch the issuer's keys either.
        if (!o.Algorithms.Contains(parsed.Alg)) return (null, TokenRefusal.BadAlgorithm);

        var result = await Tokens.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = o.Issuer,
            ValidAudience = o.Audience,
            ValidAlgorithms = o.Algorithms,
            IssuerSigningKeys = await keys.GetKeysAsync(parsed.Kid, Context.RequestAborted),
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = o.ClockSkew,
        });
        if (!result.IsValid) return (null, TokenRefusal.Describe(result.Exception));
        var identity = ClaimsMapping.ToIdentity(result.ClaimsIdentity, Scheme.Name, out var reason);
        if (identity is not null) validated.Add(token, identity, parsed.Kid, new DateTimeOffset(parsed.ValidTo, TimeSpan.Zero) + o.ClockSkew);
        return (identity, reason);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        // RFC 6750 §3: no error code when the request carried no token at all.
        Response.Headers.WWWAuthenticate = failure is null
            ? "Bearer"
            : $"Bearer error=\"invalid_token\", error_description=\"{failure}\"";
        await TypedProblem.WriteAsync(Context, new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = "Unauthorized",
            Detail = failure ?? "This endpoint needs a bearer token.",
        }, Context.RequestAborted);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        TypedProblem.WriteAsync(Context, new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "Forbidden",
            Detail = properties.Items.TryGetValue(ForbiddenDetailKey, out var detail) && detail is not null
                ? detail
                : "Your roles and scopes do not permit this action.",
        }, Context.RequestAborted).AsTask();

    [LoggerMessage(Level = LogLevel.Information, Message = "Bearer token refused on {Method} {Path}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason, string method, string path);
}
