using Governance.Identity.Users;

namespace Governance.Identity.SignIn;

/// <summary>
/// Lockout with a growing wait: after <see cref="SignInOptions.LockoutThreshold"/> failures in a
/// row the account locks for <see cref="SignInOptions.FirstLockout"/>, and each lockout after
/// that (without a success between) doubles the wait, up to <see cref="SignInOptions.MaxLockout"/>.
/// </summary>
public static class AccountLockout
{
    public static bool IsLocked(User user, DateTime now) => user.LockedUntil is { } until && until > now;

    /// <summary>How long the <paramref name="lockouts"/>-th lockout in a row lasts (1-based).</summary>
    public static TimeSpan WaitFor(int lockouts, SignInOptions options)
    {
        var doublings = Math.Clamp(lockouts - 1, 0, 30);
        var wait = options.FirstLockout * Math.Pow(2, doublings);
        return wait < options.MaxLockout ? wait : options.MaxLockout;
    }

    /// <summary>
    /// Ends a lockout and forgets the failures and the lockout history: for an admin who unlocks an
    /// account (the caller saves the user and writes the <c>user.unlocked</c> audit line).
    /// </summary>
    public static void Release(User user)
    {
        user.FailedSignIns = 0;
        user.Lockouts = 0;
        user.LockedUntil = null;
    }
}
