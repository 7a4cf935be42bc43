using System.Security.Claims;
using Governance.ServiceDefaults.Problems;

namespace Governance.ServiceDefaults.Auth;

/// <summary>
/// Who is calling, read from the validated token. A user acts on records inside their org
/// subtree, with a role that permits the action; a service (client credentials) acts within its scopes.
/// </summary>
/// <param name="Subject">The token's <c>sub</c>: a user id, or a service's client id.</param>
/// <param name="OrgPath">The caller's org; null when the token names none, and then no record is within reach.</param>
/// <param name="Roles">The caller's roles.</param>
/// <param name="Scopes">The OAuth2 scopes granted to the caller.</param>
/// <param name="ClientId">The client the token was issued to, if it says.</param>
public sealed record Caller(string Subject, OrgPath? OrgPath, IReadOnlySet<string> Roles, IReadOnlySet<string> Scopes, string? ClientId)
{
    /// <summary>The member department the caller works for (the token's <c>dept</c>), if any.</summary>
    public string? Department { get; init; }

    /// <summary>A client-credentials caller: its subject is its own client id, not a person.</summary>
    public bool IsService => ClientId is not null && Subject == ClientId;

    /// <summary>Reads the caller from a principal the bearer handler built.</summary>
    /// <exception cref="InvalidOperationException">The principal is anonymous: the endpoint allowed anonymous calls but asks who calls.</exception>
    public static Caller From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || user.FindFirst(GovernanceClaims.Subject)?.Value is not { } subject)
            throw new InvalidOperationException("No authenticated caller: an endpoint that reads the caller must not allow anonymous calls.");
        // The bearer handler refuses tokens with a malformed org, so TryParse fails only when there is none.
        Auth.OrgPath.TryParse(user.FindFirst(GovernanceClaims.Org)?.Value, out var org);
        return new Caller(subject, org, ValuesOf(user, GovernanceClaims.Role), ValuesOf(user, GovernanceClaims.Scope),
            user.FindFirst(GovernanceClaims.ClientId)?.Value) { Department = user.FindFirst(GovernanceClaims.Department)?.Value };
    }

    /// <summary>True when the caller holds <paramref name="role"/>.</summary>
    public bool HasRole(string role) => Roles.Contains(role);

    /// <summary>True when the caller was granted <paramref name="scope"/>.</summary>
    public bool HasScope(string scope) => Scopes.Contains(scope);

    /// <summary>
    /// True when <paramref name="recordOrg"/> is within the caller's org subtree and the caller holds
    /// one of <paramref name="rolesAllowed"/> (any role, when none are listed).
    /// </summary>
    public bool MayActOn(OrgPath recordOrg, params string[] rolesAllowed) => RefusalFor(recordOrg, rolesAllowed) is null;

    /// <summary>Throws a <see cref="DomainErrorKind.Forbidden"/> refusal (403) unless <see cref="MayActOn"/>.</summary>
    /// <exception cref="DomainException">The caller lacks the role, or the record is outside the caller's org subtree.</exception>
    public void EnsureMayActOn(OrgPath recordOrg, params string[] rolesAllowed)
    {
        if (RefusalFor(recordOrg, rolesAllowed) is { } refusal) throw DomainException.Forbidden(refusal);
    }

    /// <summary>Throws a <see cref="DomainErrorKind.Forbidden"/> refusal (403) unless the caller was granted <paramref name="scope"/>.</summary>
    /// <exception cref="DomainException">The scope is missing.</exception>
    public void EnsureHasScope(string scope)
    {
        if (!HasScope(scope)) throw DomainException.Forbidden($"This action needs the scope '{scope}'.");
    }

    // The record's own org is not named: a caller outside the subtree need not learn where it lies.
    private string? RefusalFor(OrgPath recordOrg, string[] rolesAllowed)
    {
        if (rolesAllowed.Length > 0 && !rolesAllowed.Any(HasRole))
            return $"This action needs one of the roles: {string.Join(", ", rolesAllowed)}.";
        if (OrgPath is null)
            return "Your token names no org, so no record is within your reach.";
        if (!recordOrg.IsWithin(OrgPath))
            return $"The record is outside your org subtree ({OrgPath}).";
        return null;
    }

    private static HashSet<string> ValuesOf(ClaimsPrincipal user, string type) =>
        user.FindAll(type).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
}
