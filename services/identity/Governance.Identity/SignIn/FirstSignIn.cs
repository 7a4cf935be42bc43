using Governance.Identity.Audit;
using Governance.Identity.Data;
using Governance.Identity.Users;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Governance.Identity.SignIn;

/// <summary>
/// What the sign-in page does before a sign-in can finish: set one's own password when the current
/// one was given (the bootstrap's one-time password, an admin's reset), and enrol TOTP when a role
/// needs it and none is enrolled. Each step checks the password it was reached with again, so the
/// page's sealed hand-over between steps proves nothing by itself, and is audited with its change.
/// </summary>
public sealed class FirstSignIn(IdentityDb db, IPasswordHasher<User> hasher, TotpEnrollment enrollment, AuditTrail audit, TimeProvider clock)
{
    /// <summary>Sets <paramref name="newPassword"/> for the user; null when done, else what is wrong with it.</summary>
    public async Task<string?> SetOwnPasswordAsync(string userName, string givenPassword, string newPassword, string confirmation, CancellationToken ct)
    {
        if (newPassword != confirmation) return "两次输入的新密码不一致。The two new passwords differ.";
        var user = await FindAsync(userName, givenPassword, ct);
        if (user is null || !user.MustChangePassword) return PasswordSignIn.Refused;
        if (newPassword == givenPassword) return "新密码不能与给定的密码相同。The new password must differ from the one you were given.";
        // The page's texts are "中文。English.": the policy's reason in both of its languages.
        if (PasswordPolicy.Check(newPassword, user.UserName) is { } weak) return weak.MessageIn(UserLanguage.Chinese) + weak.MessageIn(UserLanguage.English);
        user.PasswordHash = hasher.HashPassword(user, newPassword);
        user.MustChangePassword = false;
        Touch(user);
        audit.Add(db, user.Id.ToString(), AuditActions.PasswordChanged, user.Id.ToString(), await OrgOfAsync(user, ct), "set by the user at sign-in");
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Enrols <paramref name="secret"/> once <paramref name="code"/> from it is right; null when done, else why not.</summary>
    public async Task<string?> EnrolAsync(string userName, string password, byte[] secret, string? code, CancellationToken ct)
    {
        var user = await FindAsync(userName, password, ct);
        if (user is null) return PasswordSignIn.Refused;
        if (user.TotpSecret is not null) return null; // enrolled meanwhile (another tab): the sign-in asks for a code from it
        if (Totp.Match(secret, code, clock.GetUtcNow()) is null) return "动态验证码错误：请输入身份验证器应用上显示的 6 位数字。The code is wrong: enter the 6 digits your authenticator app shows.";
        enrollment.Enroll(user, secret);
        Touch(user);
        audit.Add(db, user.Id.ToString(), AuditActions.TotpEnrolled, user.Id.ToString(), await OrgOfAsync(user, ct), "enrolled by the user at sign-in");
        await db.SaveChangesAsync(ct);
        return null;
    }

    private async Task<User?> FindAsync(string userName, string password, CancellationToken ct)
    {
        var name = userName.Trim().ToLowerInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == name && u.Status == UserStatus.Active, ct);
        return user?.PasswordHash is not null && hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed
            ? user : null;
    }

    private void Touch(User user)
    {
        user.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        user.Version = Guid.NewGuid();
    }

    private Task<string?> OrgOfAsync(User user, CancellationToken ct) =>
        db.OrgNodes.Where(n => n.Id == user.OrgNodeId).Select(n => (string?)n.Path).FirstOrDefaultAsync(ct);
}
