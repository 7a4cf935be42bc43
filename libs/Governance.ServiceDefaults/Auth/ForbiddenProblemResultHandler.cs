using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Governance.ServiceDefaults.Auth;

/// <summary>
/// Gives a 403 from an endpoint policy a reason naming the role or scope that was missing, the way
/// <see cref="Caller.EnsureMayActOn"/> does; everything else goes the framework's way.
/// </summary>
internal sealed class ForbiddenProblemResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _framework = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden) return _framework.HandleAsync(next, context, policy, authorizeResult);
        context.Items[BearerEvents.ForbiddenDetailKey] = Explain(authorizeResult.AuthorizationFailure);
        return context.ForbidAsync(AuthExtensions.Scheme);
    }

    private static string Explain(AuthorizationFailure? failure) => failure?.FailedRequirements.FirstOrDefault() switch
    {
        RolesAuthorizationRequirement roles => $"This action needs one of the roles: {string.Join(", ", roles.AllowedRoles)}.",
        ClaimsAuthorizationRequirement { ClaimType: GovernanceClaims.Scope, AllowedValues: { } scopes } =>
            $"This action needs the scope '{string.Join("' or '", scopes)}'.",
        _ => "Your roles and scopes do not permit this action.",
    };
}
