using System.Net;
using Governance.Identity.Audit;
using Governance.Identity.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Governance.Identity.Tests.SignIn;

/// <summary>
/// A sign-in's effects and its audit line commit together: when the line cannot be saved, neither
/// the reset of the failure count, nor the claimed TOTP step, nor a lockout stays behind.
/// </summary>
public sealed class SignInTransactionTests(TokenFixture f) : IClassFixture<TokenFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(int Failed, long? TotpStep, DateTime? LockedUntil)> StateOfAsync(Guid userId)
    {
        var user = await f.Identity.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, Ct));
        return (user.FailedSignIns, user.TotpLastStep, user.LockedUntil);
    }

    [Fact]
    public async Task A_success_whose_audit_line_fails_leaves_the_failure_count_and_the_TOTP_code_unspent()
    {
        var (user, secret) = await f.AddUserAsync("atomic.admin", enrolTotp: true, roles: "admin");
        for (var i = 0; i < 2; i++) await TokenFixture.AssertErrorAsync(await f.PasswordAsync("atomic.admin", "Wrong-Password-" + i), "invalid_grant");
        var code = f.TotpNow(secret!);

        f.SaveFailure.Arm(AuditActions.SignInSucceeded);
        try { Assert.Equal(HttpStatusCode.InternalServerError, (await f.PasswordAsync("atomic.admin", totp: code)).StatusCode); }
        finally { f.SaveFailure.Disarm(); }

        Assert.Equal((2, null, null), await StateOfAsync(user.Id));
        Assert.Empty(await f.AuditAsync(e => e.Action == AuditActions.SignInSucceeded && e.Target == user.Id.ToString(), e => e));
        // The code was not spent by the sign-in that did not happen.
        Assert.Equal(HttpStatusCode.OK, (await f.PasswordAsync("atomic.admin", totp: code)).StatusCode);
        Assert.Equal(0, (await StateOfAsync(user.Id)).Failed);
        Assert.Single(await f.AuditAsync(e => e.Action == AuditActions.SignInSucceeded && e.Target == user.Id.ToString(), e => e));
    }

    [Fact]
    public async Task A_lockout_whose_audit_line_fails_does_not_lock_and_counts_nothing()
    {
        var (user, _) = await f.AddUserAsync("atomic.lock");
        for (var i = 0; i < 4; i++) await TokenFixture.AssertErrorAsync(await f.PasswordAsync("atomic.lock", "Wrong-Password-" + i), "invalid_grant");

        f.SaveFailure.Arm(AuditActions.LockedOut);
        try { Assert.Equal(HttpStatusCode.InternalServerError, (await f.PasswordAsync("atomic.lock", "Wrong-Password-4")).StatusCode); }
        finally { f.SaveFailure.Disarm(); }

        Assert.Equal((4, null, null), await StateOfAsync(user.Id));
        Assert.Equal(4, (await f.AuditAsync(e => e.Action == AuditActions.SignInFailed && e.Target == user.Id.ToString(), e => e)).Count);
        Assert.Empty(await f.AuditAsync(e => e.Action == AuditActions.LockedOut && e.Target == user.Id.ToString(), e => e));

        // Once the trail can be written, the fifth failure locks, with its line and the failure's in the same save.
        await TokenFixture.AssertErrorAsync(await f.PasswordAsync("atomic.lock", "Wrong-Password-4"), "invalid_grant");
        Assert.NotNull((await StateOfAsync(user.Id)).LockedUntil);
        Assert.Single(await f.AuditAsync(e => e.Action == AuditActions.LockedOut && e.Target == user.Id.ToString(), e => e));
        Assert.Contains(f.Identity.Saves.Saves, s => s.Audit.Contains(AuditActions.LockedOut) && s.Audit.Contains(AuditActions.SignInFailed));
    }
}
