using System.Security.Claims;
using Governance.ServiceDefaults.Problems;

namespace Governance.ServiceDefaults.Auth;

/// <summary>
/// Who is calling, read from the validated token at one moment. A user acts through their posts: a
/// role held at an org node permits that role's actions on records inside that node's subtree (see
/// <see cref="Post"/>); a service (client credentials) acts within its scopes, and its roles at its org.
/// </summary>
/// <param name="Subject">The token's <c>sub</c>: a user id, or a service's client id.</param>
/// <param name="OrgPath">The caller's home org (the token's <c>org</c>); null when the token names none.</param>
/// <param name="Roles">The caller's roles: those of the live posts, or the token's <c>roles</c> when it carries no posts.</param>
/// <param name="Scopes">The OAuth2 scopes granted to the caller.</param>
/// <param name="ClientId">The client the token was issued to, if it says.</param>
public sealed record Caller(string Subject, OrgPath? OrgPath, IReadOnlySet<string> Roles, IReadOnlySet<string> Scopes, string? ClientId)
{
    private IReadOnlyList<Post>? _posts;

    /// <summary>The member department the caller works for (the token's <c>dept</c>), if any.</summary>
    public string? Department { get; init; }

    /// <summary>
    /// The caller's live posts. A token without <c>posts</c> (client credentials, tokens from before
    /// posts) holds each of its <see cref="Roles"/> at <see cref="OrgPath"/>, without end: exactly the
    /// reach it had before posts existed. None when it names no org.
    /// </summary>
    public IReadOnlyList<Post> Posts
    {
        get => _posts ??= OrgPath is { } org ? Roles.Order(StringComparer.Ordinal).Select(r => new Post(r, org)).ToList() : [];
        init => _posts = value;
    }

    /// <summary>A client-credentials caller: its subject is its own client id, not a person.</summary>
    public bool IsService => ClientId is not null && Subject == ClientId;

    /// <summary>
    /// Reads the caller from a principal the bearer handler built, as it stands at <paramref name="now"/>:
    /// a post whose end has come does not count, whatever the token's own expiry.
    /// </summary>
    /// <exception cref="InvalidOperationException">The principal is anonymous: the endpoint allowed anonymous calls but asks who calls.</exception>
    public static Caller From(ClaimsPrincipal user, DateTimeOffset now)
    {
        if (user.Identity?.IsAuthenticated != true || user.FindFirst(GovernanceClaims.Subject)?.Value is not { } subject)
            throw new InvalidOperationException("No authenticated caller: an endpoint that reads the caller must not allow anonymous calls.");
        // The bearer handler refuses tokens with a malformed org or post, so parsing fails only when there is none.
        Auth.OrgPath.TryParse(user.FindFirst(GovernanceClaims.Org)?.Value, out var org);
        var scopes = ValuesOf(user, GovernanceClaims.Scope);
        var clientId = user.FindFirst(GovernanceClaims.ClientId)?.Value;
        var department = user.FindFirst(GovernanceClaims.Department)?.Value;
        var claimed = user.FindAll(GovernanceClaims.Posts).ToList();
        if (claimed.Count == 0)
            return new Caller(subject, org, ValuesOf(user, GovernanceClaims.Role), scopes, clientId) { Department = department };
        // The token's roles are what its posts held when issued; what counts is the posts live now.
        var posts = claimed.Select(c => Post.TryParseClaimValue(c.Value, out var post) ? post : null)
            .OfType<Post>().Where(p => p.IsLiveAt(now)).Distinct().ToList();
        return new Caller(subject, org, posts.Select(p => p.Role).ToHashSet(StringComparer.Ordinal), scopes, clientId)
        {
            Department = department, Posts = posts,
        };
    }

    /// <summary>True when the caller holds <paramref name="role"/>.</summary>
    public bool HasRole(string role) => Roles.Contains(role);

    /// <summary>True when the caller was granted <paramref name="scope"/>.</summary>
    public bool HasScope(string scope) => Scopes.Contains(scope);

    /// <summary>
    /// True when one live post reaches <paramref name="recordOrg"/> (the record lies in the post's
    /// subtree) and holds one of <paramref name="rolesAllowed"/> (any role, when none are listed).
    /// </summary>
    public bool MayActOn(OrgPath recordOrg, params string[] rolesAllowed) => Holding(rolesAllowed).Any(p => p.Reaches(recordOrg));

    /// <summary>Throws a <see cref="DomainErrorKind.Forbidden"/> refusal (403) unless <see cref="MayActOn"/>.</summary>
    /// <exception cref="DomainException">The caller lacks the role, or no post holding it reaches the record.</exception>
    public void EnsureMayActOn(OrgPath recordOrg, params string[] rolesAllowed)
    {
        var holding = Holding(rolesAllowed);
        if (holding.Any(p => p.Reaches(recordOrg))) return;
        // The record's own org is not named: a caller outside the subtree need not learn where it lies.
        if (rolesAllowed.Length > 0 && !rolesAllowed.Any(HasRole))
            throw DomainException.Forbidden($"This action needs one of the roles: {string.Join(", ", rolesAllowed)}.");
        throw DomainException.Forbidden(OutsideReach(holding));
    }

    /// <summary>Throws a <see cref="DomainErrorKind.Forbidden"/> refusal (403) unless the caller was granted <paramref name="scope"/>.</summary>
    /// <exception cref="DomainException">The scope is missing.</exception>
    public void EnsureHasScope(string scope)
    {
        if (!HasScope(scope)) throw DomainException.Forbidden($"This action needs the scope '{scope}'.");
    }

    /// <summary>
    /// The subtrees the caller's live posts reach, each once: a subtree inside another post's is
    /// left out, so a list filtered by them matches each row once. Empty when no post reaches anything.
    /// </summary>
    public IReadOnlyList<OrgPath> Reach => Subtrees(Posts.Select(p => p.Org));

    /// <summary><paramref name="orgs"/> without those inside another of them, in path order.</summary>
    public static IReadOnlyList<OrgPath> Subtrees(IEnumerable<OrgPath> orgs)
    {
        var distinct = orgs.Distinct().ToList();
        return distinct.Where(o => !distinct.Any(other => other != o && o.IsWithin(other)))
            .OrderBy(o => o.Value, StringComparer.Ordinal).ToList();
    }

    private IReadOnlyList<Post> Holding(string[] rolesAllowed) =>
        rolesAllowed.Length == 0 ? Posts : Posts.Where(p => rolesAllowed.Contains(p.Role, StringComparer.Ordinal)).ToList();

    /// <summary>The reason a record is out of reach of <paramref name="holding"/>, the posts that would otherwise permit the action.</summary>
    /// <remarks>One return per message (not a conditional expression, whose value would be a plain string): each stays a template to translate.</remarks>
    internal DomainMessage OutsideReach(IReadOnlyList<Post> holding)
    {
        if (OrgPath is null && holding.Count == 0) return "Your token names no org, so no record is within your reach.";
        if (holding.Count == 0) return "None of your live posts reaches this record.";
        // A token without posts holds its roles at its org: the message it always had.
        if (holding.All(p => p.Org == OrgPath)) return $"The record is outside your org subtree ({OrgPath}).";
        return $"The record is outside the org subtrees of your posts that could act on it ({string.Join(", ", Subtrees(holding.Select(p => p.Org)))}).";
    }

    private static HashSet<string> ValuesOf(ClaimsPrincipal user, string type) =>
        user.FindAll(type).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
}
