using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Governance.Grpc.Auth;

/// <summary>
/// Answers a gRPC call that ASP.NET authorization refused with a trailers-only gRPC status
/// (UNAUTHENTICATED, PERMISSION_DENIED) instead of HTTP 401/403 with a problem body, which gRPC clients
/// would report as a transport error. REST requests, and every allowed call, go to the handler it wraps.
/// </summary>
internal sealed class GrpcAuthorizationResultHandler(IAuthorizationMiddlewareResultHandler inner) : IAuthorizationMiddlewareResultHandler
{
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || !IsGrpcCall(context))
        {
            await inner.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        if (authorizeResult.Challenged)
        {
            // Authentication results are cached per request, so this does not validate the token again.
            var failure = await FailureAsync(context, policy);
            await WriteStatusAsync(context, StatusCode.Unauthenticated, failure ?? "This call needs a bearer token.");
            return;
        }
        await WriteStatusAsync(context, StatusCode.PermissionDenied, "Your roles and scopes do not permit this action.");
    }

    /// <summary>HTTP/2 with <c>application/grpc</c>, <c>application/grpc+proto</c> or <c>application/grpc;…</c>.</summary>
    private static bool IsGrpcCall(HttpContext context) =>
        HttpProtocol.IsHttp2(context.Request.Protocol)
        && context.Request.ContentType is { } type
        && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase)
        && (type.Length == 16 || type[16] is '+' or ';');

    // Trailers-only: one HEADERS frame with END_STREAM carrying the status (PROTOCOL-HTTP2.md).
    private static Task WriteStatusAsync(HttpContext context, StatusCode code, string message)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)code).ToString(CultureInfo.InvariantCulture);
        // grpc-message is percent-encoded UTF-8; every client decodes any %XX.
        response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        return response.CompleteAsync();
    }

    private static async Task<string?> FailureAsync(HttpContext context, AuthorizationPolicy policy)
    {
        // A policy naming no scheme relies on the default one, which the authentication middleware ran.
        IReadOnlyList<string?> schemes = policy.AuthenticationSchemes.Count > 0 ? [.. policy.AuthenticationSchemes] : [null];
        foreach (var scheme in schemes)
        {
            var result = await context.AuthenticateAsync(scheme);
            if (result.Failure is { } failure) return failure.Message;
        }
        return null;
    }
}
