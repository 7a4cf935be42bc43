namespace Governance.Identity.Users;

/// <summary>
/// What the API shows of an account. Never the password hash nor the TOTP secret: only whether a
/// second factor is enrolled and whether the account is locked.
/// </summary>
public sealed record UserView(
    Guid Id, string UserName, string DisplayName, string OrgPath, Guid? DepartmentId, IReadOnlyList<string> Roles,
    string Status, bool SecondFactorEnrolled, DateTime? LockedUntil, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static UserView From(User user, string orgPath) => new(
        user.Id, user.UserName, user.DisplayName, orgPath, user.DepartmentId, user.Roles.Select(r => r.Role).Order(StringComparer.Ordinal).ToList(),
        user.Status.ToString().ToLowerInvariant(), user.TotpSecret is not null, user.LockedUntil, user.CreatedAt, user.UpdatedAt);
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
