using Microsoft.AspNetCore.Builder;

namespace Governance.ServiceDefaults.Auth;

/// <summary>Endpoint-level checks that need nothing but the token; checks on a record's org go through <see cref="Caller"/>.</summary>
public static class EndpointAuthorizationExtensions
{
    /// <summary>Only callers holding one of <paramref name="roles"/> reach the endpoint; others get 403 naming the roles.</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params string[] roles)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentOutOfRangeException.ThrowIfZero(roles.Length);
        return builder.RequireAuthorization(policy => policy.RequireRole(roles));
    }

    /// <summary>Only callers granted <paramref name="scope"/> (client credentials) reach the endpoint; others get 403 naming it.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy.RequireClaim(GovernanceClaims.Scope, scope));
}
