using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Governance.ServiceDefaults.Auth;

/// <summary>
/// What the platform adds to JwtBearer: forgeries refused before any key is looked at, the
/// principal's claims normalised (<see cref="ClaimsMapping"/>), and refusals answered as RFC 6750
/// challenges with RFC 9457 bodies naming a fixed reason. The token is never logged or echoed.
/// </summary>
internal sealed partial class BearerEvents(IOptions<AuthOptions> auth, ValidatedTokenCache validated, ILogger<BearerEvents> logger) : JwtBearerEvents
{
    /// <summary>Key of the <see cref="HttpContext.Items"/> entry carrying a 403's reason.</summary>
    public const string ForbiddenDetailKey = "governance.forbidden.detail";

    public override async Task MessageReceived(MessageReceivedContext context)
    {
        string header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return;
        // A token validated before passed the header check too: looked up first, it is not parsed again.
        // The key is the header as sent, so a known token costs neither a copy nor a parse.
        if (await validated.FindAsync(header, context.HttpContext.RequestAborted) is { } known)
        {
            context.Principal = new(known);
            context.Success();
            return;
        }
        var token = header["Bearer ".Length..].Trim();
        if (Precheck(token) is { } refusal) context.Fail(new TokenRefusedException(refusal));
        else context.Token = token;
    }

    // `none` and HS* (keyed with a published public key) are forgeries: refused by their header
    // alone, so that they never make the host fetch the issuer's keys, and with a precise reason.
    private string? Precheck(string token)
    {
        if (auth.Value.Issuer is null) return TokenRefusal.NoIssuer;
        try { return new JsonWebToken(token).Alg == AuthOptions.Algorithm ? null : TokenRefusal.BadAlgorithm; }
        catch (ArgumentException) { return TokenRefusal.Malformed; }
    }

    public override async Task TokenValidated(TokenValidatedContext context)
    {
        var identity = ClaimsMapping.ToIdentity(context.Principal!.Identities.First(), context.Scheme.Name, out var refusal);
        if (identity is null)
        {
            context.Fail(new TokenRefusedException(refusal!));
            return;
        }
        context.Principal = new(identity);
        if (context.SecurityToken is JsonWebToken jwt)
            await validated.AddAsync(context.Request.Headers.Authorization.ToString(), identity, jwt.Kid, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero) + AuthOptions.ClockSkew,
                context.HttpContext.RequestAborted);
    }

    // Every failure becomes a fixed sentence here, so that whoever reads the result later (the
    // challenge, gRPC's status writer) never sees the library's message.
    public override Task AuthenticationFailed(AuthenticationFailedContext context)
    {
        context.Fail(TokenRefusal.From(context.Exception));
        return Task.CompletedTask;
    }

    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var failure = context.AuthenticateFailure is null ? null : TokenRefusal.From(context.AuthenticateFailure).Message;
        if (failure is not null) LogRefused(logger, failure, context.Request.Method, context.Request.Path.Value ?? "");
        // RFC 6750 §3: no error code when the request carried no token at all.
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = failure is null
            ? "Bearer"
            : $"Bearer error=\"invalid_token\", error_description=\"{failure}\"";
        await TypedProblem.WriteAsync(context.HttpContext, new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = "Unauthorized",
            Detail = failure ?? "This endpoint needs a bearer token.",
        }, context.HttpContext.RequestAborted);
    }

    public override async Task Forbidden(ForbiddenContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await TypedProblem.WriteAsync(context.HttpContext, new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "Forbidden",
            Detail = context.HttpContext.Items.TryGetValue(ForbiddenDetailKey, out var detail) && detail is string text
                ? text
                : "Your roles and scopes do not permit this action.",
        }, context.HttpContext.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bearer token refused on {Method} {Path}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason, string method, string path);
}
