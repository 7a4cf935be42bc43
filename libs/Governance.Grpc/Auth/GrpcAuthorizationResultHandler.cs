using Governance.Grpc.Server;
using Governance.Grpc.Status;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Governance.Grpc.Auth;

/// <summary>
/// Answers a refused gRPC call with a gRPC status (UNAUTHENTICATED, PERMISSION_DENIED) instead of
/// HTTP 401/403 with a problem body, which gRPC clients would report as a transport error.
/// Every other request, and every allowed call, goes to the handler it wraps unchanged.
/// </summary>
internal sealed class GrpcAuthorizationResultHandler(IAuthorizationMiddlewareResultHandler inner) : IAuthorizationMiddlewareResultHandler
{
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || !GrpcProtocol.IsGrpcCall(context))
        {
            await inner.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        if (authorizeResult.Challenged)
        {
            // The bearer handler caches its result per request, so this does not validate the token again.
            var failure = await FailureAsync(context, policy);
            await StatusWriter.WriteAsync(context, StatusCode.Unauthenticated, failure ?? "This call needs a bearer token.");
            return;
        }
        await StatusWriter.WriteAsync(context, StatusCode.PermissionDenied, "Your roles and scopes do not permit this action.");
    }

    private static async Task<string?> FailureAsync(HttpContext context, AuthorizationPolicy policy)
    {
        foreach (var scheme in policy.AuthenticationSchemes)
        {
            var result = await context.AuthenticateAsync(scheme);
            if (result.Failure is { } failure) return failure.Message;
        }
        return null;
    }
}
