using Governance.Identity.Audit;
using Governance.Identity.Data;
using Governance.Identity.Org;
using Governance.Identity.Users;
using Governance.ServiceDefaults.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Governance.Identity.SignIn;

/// <summary>A user who proved who they are, with how (<c>amr</c>).</summary>
public sealed record SignedIn(User User, OrgNode Org, IReadOnlyList<string> Amr);

/// <summary>A sign-in refused: the message goes to the client, the audit line keeps the real reason.</summary>
public sealed class SignInRefused(string description) : Exception(description)
{
    /// <summary>The password was right and a TOTP code is needed: the sign-in page asks for it next.</summary>
    public bool NeedsTotp { get; init; }

    /// <summary>The TOTP code was wrong or replayed: the page asks for another.</summary>
    public bool WrongTotp { get; init; }

    /// <summary>The password was right but given to the user: the page asks for their own first.</summary>
    public bool MustChangePassword { get; init; }

    /// <summary>The password was right and a role needs TOTP, which is not enrolled: the page enrols it.</summary>
    public bool NeedsEnrolment { get; init; }

    /// <summary>The password was right but the account is disabled: the page says so in its own language.</summary>
    public bool Disabled { get; init; }

    /// <summary>The password was right but the account's org node is retired: the page says so in its own language.</summary>
    public bool OrgRetired { get; init; }
}

/// <summary>
/// Checks a user's password (and TOTP code where a role demands it), counts failures towards the
/// lockout, and audits every outcome. An unknown user name, a wrong password and a locked account
/// get the same answer, after the same PBKDF2 work, so the answer says nothing about which it was.
/// Each outcome commits in one transaction with its audit line: a success's reset of the failure
/// count, claimed TOTP step and rehash; a failure's count and the lockout it may cause. So no
/// sign-in is counted without its line, nor a line written for a change that did not commit.
/// </summary>
public sealed class PasswordSignIn(IdentityDb db, AuditTrail audit, IPasswordHasher<User> hasher, TotpEnrollment totp,
    TimeProvider clock, IOptions<SignInOptions> options)
{
    public const string Refused = "The user name or password is wrong, or the account is locked for a while.";
    private static readonly User DummyUser = new() { UserName = "-", DisplayName = "-" };
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<User>().HashPassword(DummyUser, Guid.NewGuid().ToString()));

    public async Task<SignedIn> SignInAsync(string userName, string password, string? totpCode, string clientId, CancellationToken ct)
    {
        var name = userName.Trim().ToLowerInvariant();
        var now = clock.GetUtcNow();
        var user = name.Length <= 64
            ? await db.Users.AsNoTracking().Include(u => u.Posts).ThenInclude(p => p.OrgNode).FirstOrDefaultAsync(u => u.UserName == name, ct)
            : null;
        if (user?.PasswordHash is null)
        {
            hasher.VerifyHashedPassword(DummyUser, DummyHash.Value, password);
            throw await RefuseAsync(name, user, clientId, user is null ? "unknown user" : "no password set", Refused, ct);
        }
        var verified = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        // Checked after the hash, so a locked account costs the same time and says nothing about the password.
        if (AccountLockout.IsLocked(user, now.UtcDateTime))
            throw await RefuseAsync(name, user, clientId, "account locked", Refused, ct);
        if (verified == PasswordVerificationResult.Failed)
            throw await RefuseAsync(name, user, clientId, "wrong password", Refused, ct, countsTowardsLockout: true);
        if (user.Status != UserStatus.Active) throw await RefuseAsync(name, user, clientId, "account disabled", "This account is disabled.", ct, disabled: true);
        var org = await db.OrgNodes.AsNoTracking().FirstAsync(n => n.Id == user.OrgNodeId, ct);
        if (org.IsRetired) throw await RefuseAsync(name, user, clientId, "org node retired", $"This account's org node {org.Path} is retired.", ct, orgRetired: true);

        if (user.MustChangePassword)
            throw await RefuseAsync(name, user, clientId, "own password not set yet",
                "This password was given to you (first sign-in or an admin's reset): set your own on the sign-in page.", ct, mustChangePassword: true);

        long? step = null;
        if (await RequiresSecondFactorAsync(user, ct))
        {
            var secret = totp.SecretOf(user);
            if (secret is null)
                throw await RefuseAsync(name, user, clientId, "second factor not enrolled",
                    "This account's roles require a second factor, but none is enrolled: enrol one on the sign-in page.", ct, needsEnrolment: true);
            if (string.IsNullOrEmpty(totpCode))
                throw await RefuseAsync(name, user, clientId, "TOTP code missing", "This account requires a TOTP code: send it in the totp parameter.", ct, needsTotp: true);
            step = Totp.Match(secret, totpCode, now);
            if (step is null)
                throw await RefuseAsync(name, user, clientId, "wrong TOTP code", "The TOTP code is wrong.", ct, countsTowardsLockout: true, wrongTotp: true);
        }

        var rehash = verified == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(user, password) : null;
        IReadOnlyList<string> amr = step is null ? ["pwd"] : ["pwd", "otp", "mfa"];
        var claimed = await db.SaveInOneTransactionAsync(async attempt =>
        {
            if (!await RecordSuccessAsync(user.Id, step, rehash, attempt)) return false;
            audit.Add(db, user.Id.ToString(), AuditActions.SignInSucceeded, user.Id.ToString(), org.Path, $"client {clientId}; amr {string.Join(' ', amr)}");
            return true;
        }, ct);
        if (!claimed)
            throw await RefuseAsync(name, user, clientId, "TOTP code replayed", "This TOTP code was used already: wait for the next one.", ct, wrongTotp: true);
        return new SignedIn(user, org, amr);
    }

    /// <summary>Checks the password of a signed-in user (before a sensitive change); failures count towards the lockout.</summary>
    public async Task<bool> CheckPasswordAsync(Guid userId, string? password, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user?.PasswordHash is null || string.IsNullOrEmpty(password)) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        var ok = hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
        if (AccountLockout.IsLocked(user, now)) return false;
        if (!ok)
        {
            var org = await OrgPathOfAsync(user, ct);
            await db.SaveInOneTransactionAsync(attempt => CountFailureAsync(user, org, "password check", now, attempt), ct);
        }
        return ok;
    }

    /// <summary>True when a role of the user's live posts demands a second factor; the posts must be loaded with their nodes.</summary>
    internal async Task<bool> RequiresSecondFactorAsync(User user, CancellationToken ct)
    {
        var roles = UserPosts.LivePosts(user, clock.GetUtcNow().UtcDateTime).Select(p => p.Role).Distinct().ToList();
        return await db.Roles.AnyAsync(r => roles.Contains(r.Name) && r.RequiresSecondFactor, ct);
    }

    /// <summary>Resets the failure count and claims the TOTP step, atomically: of two requests with one code, one wins.</summary>
    private async Task<bool> RecordSuccessAsync(Guid userId, long? step, string? rehash, CancellationToken ct)
    {
        var query = db.Users.Where(u => u.Id == userId);
        if (step is { } s) query = query.Where(u => u.TotpLastStep == null || u.TotpLastStep < s);
        return await query.ExecuteUpdateAsync(set =>
        {
            set.SetProperty(u => u.FailedSignIns, 0).SetProperty(u => u.Lockouts, 0).SetProperty(u => u.LockedUntil, (DateTime?)null);
            if (step is not null) set.SetProperty(u => u.TotpLastStep, step);
            if (rehash is not null) set.SetProperty(u => u.PasswordHash, rehash);
        }, ct) == 1;
    }

    /// <summary>
    /// One more failure; at the threshold, locks the account for longer than the last time and adds
    /// the lockout's audit line. Runs inside the caller's transaction, which saves that line with it.
    /// </summary>
    private async Task CountFailureAsync(User user, string? org, string clientId, DateTime now, CancellationToken ct)
    {
        var threshold = options.Value.LockoutThreshold;
        // Increments in SQL: parallel guesses must not lose counts.
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.FailedSignIns, u => u.FailedSignIns + 1), ct);
        var locked = await db.Users.Where(u => u.Id == user.Id && u.FailedSignIns >= threshold)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.FailedSignIns, 0).SetProperty(u => u.Lockouts, u => u.Lockouts + 1), ct);
        if (locked == 0) return;
        var lockouts = await db.Users.Where(u => u.Id == user.Id).Select(u => u.Lockouts).SingleAsync(ct);
        var wait = AccountLockout.WaitFor(lockouts, options.Value);
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.LockedUntil, now + wait), ct);
        audit.Add(db, user.UserName, AuditActions.LockedOut, user.Id.ToString(), org,
            $"locked for {wait.TotalMinutes:0.#} min after {threshold} failures (lockout {lockouts} in a row; client {clientId})");
    }

    /// <summary>
    /// Audits the refusal, with the failure it counts towards the lockout when
    /// <paramref name="countsTowardsLockout"/>, in one transaction; returns it for the caller to throw.
    /// </summary>
    private async Task<SignInRefused> RefuseAsync(string name, User? user, string clientId, string reason, string description, CancellationToken ct,
        bool countsTowardsLockout = false, bool needsTotp = false, bool wrongTotp = false, bool mustChangePassword = false, bool needsEnrolment = false, bool disabled = false, bool orgRetired = false)
    {
        var org = user is null ? null : await OrgPathOfAsync(user, ct);
        await db.SaveInOneTransactionAsync(async attempt =>
        {
            if (countsTowardsLockout) await CountFailureAsync(user!, org, clientId, clock.GetUtcNow().UtcDateTime, attempt);
            audit.Add(db, name, AuditActions.SignInFailed, user?.Id.ToString(), org, $"{reason}; client {clientId}");
        }, ct);
        return new SignInRefused(description)
        {
            NeedsTotp = needsTotp, WrongTotp = wrongTotp, MustChangePassword = mustChangePassword, NeedsEnrolment = needsEnrolment,
            Disabled = disabled, OrgRetired = orgRetired,
        };
    }

    private Task<string?> OrgPathOfAsync(User user, CancellationToken ct) =>
        db.OrgNodes.AsNoTracking().Where(n => n.Id == user.OrgNodeId).Select(n => n.Path).FirstOrDefaultAsync(ct);
}
