namespace Governance.Identity.Users;

/// <summary>
/// What the API shows of an account. Never the password hash nor the TOTP secret: only whether a
/// second factor is enrolled and whether the account is locked. <c>Roles</c> are those of the live
/// <c>Posts</c>; ended posts are not shown (the audit trail keeps them).
/// </summary>
public sealed record UserView(
    Guid Id, string UserName, string DisplayName, string OrgPath, Guid? DepartmentId, IReadOnlyList<string> Roles,
    string Status, bool SecondFactorEnrolled, DateTime? LockedUntil, DateTime CreatedAt, DateTime UpdatedAt, IReadOnlyList<PostView> Posts)
{
    /// <summary>The view at <paramref name="now"/>; the user's posts must be loaded with their org nodes.</summary>
    public static UserView From(User user, string orgPath, DateTime now)
    {
        var live = user.Posts.Where(p => p.IsLiveAt(now) && p.OrgNode is { IsRetired: false })
            .OrderBy(p => p.Role, StringComparer.Ordinal).ThenBy(p => p.OrgNode!.Path, StringComparer.Ordinal).ToList();
        return new(user.Id, user.UserName, user.DisplayName, orgPath, user.DepartmentId,
            UserPosts.LivePosts(user, now).Select(p => p.Role).Distinct().ToList(),
            user.Status.ToString().ToLowerInvariant(), user.TotpSecret is not null, user.LockedUntil, user.CreatedAt, user.UpdatedAt,
            live.Select(PostView.From).ToList());
    }
}

/// <summary>A post as the API shows it: the role, where it is held, until when (null: no end), and who granted it when.</summary>
public sealed record PostView(Guid Id, string Role, string OrgPath, DateTime? Until, DateTime GrantedAt, string GrantedBy)
{
    public static PostView From(UserPost post) => new(post.Id, post.Role, post.OrgNode!.Path,
        post.Until is { } until ? DateTime.SpecifyKind(until, DateTimeKind.Utc) : null, post.GrantedAt, post.GrantedBy);
}

/// <summary>One page of users, and the cursor of the next one (null on the last page).</summary>
public sealed record UserPage(IReadOnlyList<UserView> Items, string? Next);

/// <summary>
/// The filters of a user list. <paramref name="OrgPath"/> is a subtree (default: the caller's);
/// <paramref name="After"/> is the <c>Next</c> of the previous page.
/// </summary>
public sealed record UserQuery(string? OrgPath, string? Role, Guid? DepartmentId, string? Status, int? PageSize, string? After);

/// <summary>The user after a grant; when the role needs a second factor the user lacked, the TOTP secret provisioned for them, shown this once.</summary>
public sealed record RoleGrantResult(UserView User, bool SecondFactorEnrolmentNeeded, string? Message, SignIn.TotpEnrolled? SecondFactor);

/// <summary>The user and the post after a post was granted (or its end changed), with the second factor provisioned for its role, if one was needed.</summary>
public sealed record PostGrantResult(UserView User, PostView Post, bool SecondFactorEnrolmentNeeded, string? Message, SignIn.TotpEnrolled? SecondFactor);

/// <summary>A user's name, for a reader shown in a log.</summary>
public sealed record UserNameView(Guid Id, string UserName, string DisplayName);
