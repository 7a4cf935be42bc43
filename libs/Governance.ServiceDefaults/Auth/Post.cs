using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Governance.ServiceDefaults.Auth;

/// <summary>
/// A post: a role held at an org node, optionally until a moment (a community secretary who is also
/// a grid leader at one grid; a secondment to the street for three months). A person may hold
/// several; each permits its role's actions within its own org's subtree and nowhere else.
/// </summary>
/// <remarks>
/// In an access token a post is one string of the <c>posts</c> array (<see cref="ToClaimValue"/>):
/// <code>
/// "posts": [ "grid_leader@632801/001/002/003", "centre_operator@632801/001;until=1777593600" ]
/// </code>
/// <c>role@org</c>, and <c>;until=</c> the end as a JWT NumericDate (seconds since 1970 UTC, as
/// <c>exp</c>) when the post has one. Strings, not objects, so that JwtBearer maps each post to one
/// plain claim and any client reads it with two splits.
/// </remarks>
/// <param name="Role">The role held, e.g. <c>grid_leader</c>.</param>
/// <param name="Org">Where it is held: the post reaches this node's subtree.</param>
/// <param name="Until">When the post ends (it does not count from then on); null when it has no end.</param>
public sealed record Post(string Role, OrgPath Org, DateTimeOffset? Until = null)
{
    private const string UntilPrefix = ";until=";

    /// <summary>True when the post counts at <paramref name="now"/>: it has no end, or its end is still ahead.</summary>
    public bool IsLiveAt(DateTimeOffset now) => Until is not { } end || now < end;

    /// <summary>True when the post permits acting on a record at <paramref name="recordOrg"/>: it lies in the post's subtree.</summary>
    public bool Reaches(OrgPath recordOrg) => recordOrg.IsWithin(Org);

    /// <summary>The post as one string of the token's <c>posts</c> claim; the end is rounded down to the second, so it never outlives the post.</summary>
    public string ToClaimValue() => Until is { } end
        ? $"{Role}@{Org.Value}{UntilPrefix}{end.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}"
        : $"{Role}@{Org.Value}";

    /// <summary>Reads one string of a <c>posts</c> claim; false for anything but <c>role@org</c> with an optional <c>;until=</c> NumericDate.</summary>
    public static bool TryParseClaimValue([NotNullWhen(true)] string? value, [MaybeNullWhen(false)] out Post post)
    {
        post = null;
        if (string.IsNullOrEmpty(value) || value.Length > 512) return false;
        var (head, until) = value.IndexOf(';') is var semicolon and >= 0 ? (value[..semicolon], value[semicolon..]) : (value, null);
        var at = head.IndexOf('@');
        if (at <= 0 || !IsRoleName(head.AsSpan(0, at)) || !OrgPath.TryParse(head[(at + 1)..], out var org)) return false;
        DateTimeOffset? end = null;
        if (until is not null)
        {
            if (!until.StartsWith(UntilPrefix, StringComparison.Ordinal)
                || !long.TryParse(until.AsSpan(UntilPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
                return false;
            end = DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
        post = new Post(head[..at], org, end);
        return true;
    }

    // Role names are identity's: lower-case words joined by '_' or '-' (grid_leader, centre-staff).
    private static bool IsRoleName(ReadOnlySpan<char> role) =>
        role.Length <= 64 && char.IsAsciiLetterLower(role[0]) && !role.ContainsAnyExcept("abcdefghijklmnopqrstuvwxyz0123456789_-");
}
