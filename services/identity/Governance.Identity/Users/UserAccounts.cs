using Governance.Contracts.Identity;
using Governance.Identity.Audit;
using Governance.Identity.Data;
using Governance.Identity.Roles;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Governance.ServiceDefaults.Data;

using Governance.Identity.SignIn;

namespace Governance.Identity.Users;

/// <summary>
/// An admin's changes to accounts: create, move, disable, enable, reset the password, unlock. Only
/// callers whose roles carry <c>user.manage</c>, only for users inside their subtree (and, when
/// moving, into it). Each change, its audit line and its event commit in one SaveChanges. Sign-in
/// itself belongs to the token service.
/// </summary>
public sealed class UserAccounts(IdentityDb db, AuditTrail audit, TimeProvider clock, IPasswordHasher<User> hasher, IUserSessionRevoker sessions,
    RoleGrants grants, TotpEnrollment totp, RolePermissions permissions)
{
    public async Task<(UserView User, IReadOnlyList<string> SecondFactorNeededFor, TotpEnrolled? SecondFactor)> CreateAsync(
        Caller caller, string? userName, string? displayName, string? orgPath, Guid? departmentId, IReadOnlyList<string>? roles, string? password, CancellationToken ct)
    {
        var name = UserRules.UserName(userName);
        var display = UserRules.DisplayName(displayName);
        var (node, _) = await UserRules.PlacementAsync(db, orgPath, departmentId, ct);
        await permissions.EnsurePermittedAsync(caller, IdentityPermissions.UserManage, node.OrgPath, ct);
        var initial = UserRules.Password(password, name);
        if (await db.Users.AnyAsync(u => u.UserName == name, ct)) throw DomainException.Duplicate($"The user name '{name}' is taken.");

        var now = Now;
        // The admin knows the initial password, as after a reset: the user sets their own at the first sign-in.
        var user = new User
        {
            UserName = name, DisplayName = display, OrgNodeId = node.Id, DepartmentId = departmentId, Status = UserStatus.Active, CreatedAt = now, UpdatedAt = now,
            MustChangePassword = true,
        };
        user.PasswordHash = hasher.HashPassword(user, initial);
        db.Users.Add(user);
        var home = await TrackedNodeAsync(node.Id, ct);
        var granted = await grants.AddRolesAsync(caller, user, home, roles ?? [], "roles", ct);
        audit.Add(db, caller.Subject, AuditActions.UserCreated, user.Id.ToString(), node.Path,
            $"{name} at {node.Path}{(departmentId is null ? "" : $", department {departmentId}")}, roles: {string.Join(", ", granted.Select(r => r.Name))}");
        db.AddToOutbox(new UserCreated(user.Id, node.Path, departmentId, granted.Select(r => r.Name).ToList(), now), user.Id.ToString());
        var needing = granted.Where(r => r.RequiresSecondFactor).Select(r => r.Name).ToList();
        var enrolled = needing.Count > 0 ? EnrolTotp(caller, user, node.Path, needing[0]) : null;
        await SaveAsync(name, ct);
        return (View(user, node.Path), needing, enrolled);
    }

    /// <summary>
    /// Moves a user to another node and/or department; both the old and the new node must be inside the
    /// caller's subtree. The live posts held at the old node (the user's roles there) move along; posts
    /// held elsewhere (a secondment) stay where they are.
    /// </summary>
    public async Task<UserView> ChangePlacementAsync(Caller caller, Guid id, string? orgPath, Guid? departmentId, CancellationToken ct)
    {
        var (user, oldPath) = await GetForChangeAsync(caller, id, ct);
        var (node, _) = await UserRules.PlacementAsync(db, orgPath, departmentId, ct);
        await permissions.EnsurePermittedAsync(caller, IdentityPermissions.UserManage, node.OrgPath, ct);
        if (user.OrgNodeId == node.Id && user.DepartmentId == departmentId) return View(user, node.Path);
        audit.Add(db, caller.Subject, AuditActions.UserChanged, user.Id.ToString(), node.Path,
            $"{oldPath} → {node.Path}; department {user.DepartmentId?.ToString() ?? "none"} → {departmentId?.ToString() ?? "none"}");
        if (user.OrgNodeId != node.Id)
        {
            var now = Now;
            var destination = await TrackedNodeAsync(node.Id, ct);
            foreach (var post in user.Posts.Where(p => p.OrgNodeId == user.OrgNodeId && p.IsLiveAt(now)))
                (post.OrgNodeId, post.OrgNode) = (destination.Id, destination);
        }
        user.OrgNodeId = node.Id;
        user.DepartmentId = departmentId;
        Touch(user);
        db.AddToOutbox(new UserChanged(user.Id, node.Path, departmentId, user.UpdatedAt), user.Id.ToString());
        await SaveAsync(user.UserName, ct);
        return View(user, node.Path);
    }

    /// <summary>Disables the account and, in the same commit, revokes its refresh tokens.</summary>
    public async Task<UserView> DisableAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var (user, path) = await GetForChangeAsync(caller, id, ct);
        if (RoleGrants.IsSelf(caller, user))
            throw DomainException.RuleViolated("NobodyDisablesThemselves", "You cannot disable your own account; ask another admin.");
        if (user.Status == UserStatus.Disabled) return View(user, path);
        user.Status = UserStatus.Disabled;
        Touch(user);
        await sessions.RevokeAllAsync(db, user.Id, "user disabled", ct);
        audit.Add(db, caller.Subject, AuditActions.UserDisabled, user.Id.ToString(), path);
        db.AddToOutbox(new UserDisabled(user.Id, user.UpdatedAt), user.Id.ToString());
        await SaveAsync(user.UserName, ct);
        return View(user, path);
    }

    public async Task<UserView> EnableAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var (user, path) = await GetForChangeAsync(caller, id, ct);
        if (user.Status == UserStatus.Active) return View(user, path);
        user.Status = UserStatus.Active;
        Touch(user);
        audit.Add(db, caller.Subject, AuditActions.UserEnabled, user.Id.ToString(), path);
        db.AddToOutbox(new UserEnabled(user.Id, user.UpdatedAt), user.Id.ToString());
        await SaveAsync(user.UserName, ct);
        return View(user, path);
    }

    /// <summary>Sets a new password chosen by an admin; the user's sessions end, since a reset usually means the old one leaked.</summary>
    public async Task<UserView> ResetPasswordAsync(Caller caller, Guid id, string? password, CancellationToken ct)
    {
        var (user, path) = await GetForChangeAsync(caller, id, ct);
        user.PasswordHash = hasher.HashPassword(user, UserRules.Password(password, user.UserName));
        // The admin knows it: the user sets their own at the next sign-in.
        user.MustChangePassword = true;
        Touch(user);
        await sessions.RevokeAllAsync(db, user.Id, "password reset by an admin", ct);
        audit.Add(db, caller.Subject, AuditActions.PasswordChanged, user.Id.ToString(), path, "reset by an admin");
        await SaveAsync(user.UserName, ct);
        return View(user, path);
    }

    /// <summary>
    /// Gives the user a new TOTP secret, shown this once to the admin (the user lost the phone: they
    /// cannot replace the secret themselves without a code from it). The old secret stops working at
    /// once and the user's sessions end.
    /// </summary>
    public async Task<TotpEnrolled> ResetTotpAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var (user, path) = await GetForChangeAsync(caller, id, ct);
        var enrolled = totp.Enroll(user);
        Touch(user);
        await sessions.RevokeAllAsync(db, user.Id, "second factor reset by an admin", ct);
        audit.Add(db, caller.Subject, AuditActions.TotpEnrolled, user.Id.ToString(), path, "reset by an admin");
        await SaveAsync(user.UserName, ct);
        return enrolled;
    }

    /// <summary>Lifts a lockout and forgets the failures that led to it, so the next lockout waits the shortest time again.</summary>
    public async Task<UserView> UnlockAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var (user, path) = await GetForChangeAsync(caller, id, ct);
        audit.Add(db, caller.Subject, AuditActions.UserUnlocked, user.Id.ToString(), path,
            $"locked until {user.LockedUntil:O}, {user.FailedSignIns} failures, {user.Lockouts} lockouts");
        user.LockedUntil = null;
        user.FailedSignIns = 0;
        user.Lockouts = 0;
        Touch(user);
        await SaveAsync(user.UserName, ct);
        return View(user, path);
    }

    /// <summary>
    /// Grants a role: a post without end at the user's own node. When the role needs a second factor the user has not enrolled, the answer says so:
    /// the grant stands, and the user must enrol TOTP before the role's sign-in succeeds.
    /// </summary>
    public async Task<RoleGrantResult> GrantRoleAsync(Caller caller, Guid id, string? role, CancellationToken ct)
    {
        var (user, path) = await GetForChangeAsync(caller, id, ct);
        if (string.IsNullOrWhiteSpace(role)) throw DomainException.Invalid("role", "The role is required.");
        var added = await grants.AddRolesAsync(caller, user, await TrackedNodeAsync(user.OrgNodeId, ct), [role], "role", ct);
        var needsTotp = user.TotpSecret is null && (added.FirstOrDefault()?.RequiresSecondFactor
            ?? await db.Roles.AnyAsync(r => r.Name == role && r.RequiresSecondFactor, ct));
        if (added.Count == 0 && !needsTotp) return new RoleGrantResult(View(user, path), false, null, null);
        // The role cannot be used without a second factor: provision one now, in this same save, and
        // hand it to the admin once (the user's authenticator is set up from it, as with a new phone).
        var enrolled = needsTotp ? EnrolTotp(caller, user, path, role!) : null;
        Touch(user);
        if (added.Count > 0)
        {
            audit.Add(db, caller.Subject, AuditActions.RoleGranted, user.Id.ToString(), path, role);
            db.AddToOutbox(new Contracts.Identity.RoleGranted(user.Id, role!, user.UpdatedAt), user.Id.ToString());
        }
        await SaveAsync(user.UserName, ct);
        return new RoleGrantResult(View(user, path), needsTotp, NeedsTotpMessage(needsTotp, role!), enrolled);
    }

    /// <summary>Takes a role: ends the live post of that role at the user's own node (posts held elsewhere are ended one by one).</summary>
    public async Task<UserView> RevokeRoleAsync(Caller caller, Guid id, string? role, CancellationToken ct)
    {
        var (user, path) = await GetForChangeAsync(caller, id, ct);
        if (RoleGrants.IsSelf(caller, user))
            throw DomainException.RuleViolated("NobodyChangesTheirOwnRoles", "You cannot change your own roles; ask another admin.");
        var now = Now;
        var held = user.Posts.FirstOrDefault(p => p.Role == role && p.OrgNodeId == user.OrgNodeId && p.IsLiveAt(now));
        if (held is null) return View(user, path);
        held.Until = now;
        Touch(user);
        audit.Add(db, caller.Subject, AuditActions.RoleRevoked, user.Id.ToString(), path, role);
        db.AddToOutbox(new Contracts.Identity.RoleRevoked(user.Id, held.Role, user.UpdatedAt), user.Id.ToString());
        await SaveAsync(user.UserName, ct);
        return View(user, path);
    }

    internal static string? NeedsTotpMessage(bool needsTotp, string role) => needsTotp
        ? $"The role {role} requires a second factor: a TOTP secret was created for this user and is shown this once; give it to them to set up their authenticator."
        : null;

    internal TotpEnrolled EnrolTotp(Caller caller, User user, string path, string role)
    {
        audit.Add(db, caller.Subject, AuditActions.TotpEnrolled, user.Id.ToString(), path, $"provisioned by an admin for the role {role}");
        return totp.Enroll(user);
    }

    /// <summary>The user, tracked with its posts and their nodes, when one of the caller's posts reaches it and carries <c>user.manage</c> there.</summary>
    internal async Task<(User User, string Path)> GetForChangeAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var found = await (from u in db.Users.Include(u => u.Posts).ThenInclude(p => p.OrgNode)
                           join n in db.OrgNodes on u.OrgNodeId equals n.Id
                           where u.Id == id
                           select new { User = u, n.Path }).FirstOrDefaultAsync(ct);
        if (found is null || !caller.MayActOn(OrgPath.Parse(found.Path)))
            throw await permissions.NotWithinReachAsync(caller, IdentityPermissions.UserManage, db, $"No user {id} within your reach.", ct);
        await permissions.EnsurePermittedAsync(caller, IdentityPermissions.UserManage, OrgPath.Parse(found.Path), ct);
        return (found.User, found.Path);
    }

    internal void Touch(User user)
    {
        user.UpdatedAt = Now;
        user.Version = Guid.NewGuid();
    }

    internal UserView View(User user, string path) => UserView.From(user, path, Now);

    /// <summary>The node as this unit of work tracks it, so that a post can point at it without the node being inserted again.</summary>
    internal async Task<Org.OrgNode> TrackedNodeAsync(Guid id, CancellationToken ct) =>
        await db.OrgNodes.FindAsync([id], ct) ?? throw new InvalidOperationException($"The org node {id} vanished.");

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    // The unique index on the user name catches an account created at the same moment.
    internal Task SaveAsync(string userName, CancellationToken ct) =>
        db.SaveOrConflictAsync(() => DomainException.Duplicate($"The user name '{userName}' is taken."),
            () => DomainException.RuleViolated("UserChangedMeanwhile", $"The user {userName} was changed by someone else meanwhile; reload and try again."), ct);
}
