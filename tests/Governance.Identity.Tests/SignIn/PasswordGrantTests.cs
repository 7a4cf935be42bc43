using System.Net;
using System.Net.Http.Json;
using Governance.Identity.SignIn;
using Governance.Identity.Tests.Infrastructure;
using Governance.Identity.Users;
using Microsoft.EntityFrameworkCore;

namespace Governance.Identity.Tests.SignIn;

public sealed class PasswordGrantTests(TokenFixture f) : IClassFixture<TokenFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<ConsumerHost.WhoAmI> WhoAmIAsync(HttpResponseMessage tokenResponse)
    {
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        return await WhoAmIAsync((await TokenFixture.JsonAsync(tokenResponse)).GetProperty("access_token").GetString()!);
    }

    private async Task<ConsumerHost.WhoAmI> WhoAmIAsync(string accessToken) =>
        (await f.Consumer.Client(accessToken).GetFromJsonAsync<ConsumerHost.WhoAmI>("/whoami", Ct))!;

    [Fact]
    public async Task A_user_signs_in_with_a_password_and_another_service_sees_who_and_where()
    {
        var (user, _) = await f.AddUserAsync("li.na", roles: "mediator");
        var response = await f.PasswordAsync("Li.Na");
        var body = await TokenFixture.JsonAsync(response);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("refresh_token").GetString()));
        Assert.Equal("openid grid.read incident.read offline_access", body.GetProperty("scope").GetString());

        var who = await WhoAmIAsync(body.GetProperty("access_token").GetString()!);
        Assert.Equal(user.Id.ToString(), who.Subject);
        Assert.Equal(IdentityHost.RootPath, who.Org);
        Assert.Equal(["mediator"], who.Roles);
        Assert.Equal(["pwd"], who.Amr);
        Assert.Equal("cli", who.ClientId);
        Assert.Single(await f.AuditAsync(e => e.Action == "sign-in.succeeded" && e.Target == user.Id.ToString(), e => e));
    }

    [Fact]
    public async Task An_unknown_user_and_a_wrong_password_get_the_same_answer_and_the_audit_keeps_the_reason()
    {
        await f.AddUserAsync("wang.fang");
        var unknown = await TokenFixture.AssertErrorAsync(await f.PasswordAsync("nobody.here"), "invalid_grant");
        var wrong = await TokenFixture.AssertErrorAsync(await f.PasswordAsync("wang.fang", "Wrong-Password-9"), "invalid_grant");
        Assert.Equal(unknown, wrong);
        var reasons = await f.AuditAsync(e => e.Action == "sign-in.failed" && (e.Actor == "nobody.here" || e.Actor == "wang.fang"), e => e.Detail!);
        Assert.Contains(reasons, r => r.StartsWith("unknown user"));
        Assert.Contains(reasons, r => r.StartsWith("wrong password"));
        Assert.DoesNotContain(reasons, r => r.Contains("Wrong-Password-9"));
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password_until_the_wait_is_over_and_the_next_lock_is_longer()
    {
        var (user, _) = await f.AddUserAsync("zhao.lei");
        try
        {
            for (var i = 0; i < 5; i++) await TokenFixture.AssertErrorAsync(await f.PasswordAsync("zhao.lei", "Wrong-Password-" + i), "invalid_grant");
            // Locked: the right password gets the very same answer as a wrong one.
            Assert.Equal(PasswordSignIn.Refused, await TokenFixture.AssertErrorAsync(await f.PasswordAsync("zhao.lei"), "invalid_grant"));
            f.Clock.Advance(TimeSpan.FromSeconds(61));
            Assert.Equal(HttpStatusCode.OK, (await f.PasswordAsync("zhao.lei")).StatusCode);

            // The success forgot the history: five failures lock for one minute again, then twice as long.
            for (var i = 0; i < 5; i++) await f.PasswordAsync("zhao.lei", "Wrong-Password-" + i);
            f.Clock.Advance(TimeSpan.FromSeconds(61));
            for (var i = 0; i < 5; i++) await f.PasswordAsync("zhao.lei", "Wrong-Password-" + i);
            var lockedUntil = await f.Identity.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.LockedUntil).SingleAsync(Ct));
            Assert.InRange(lockedUntil!.Value - f.Clock.GetUtcNow().UtcDateTime, TimeSpan.FromSeconds(110), TimeSpan.FromSeconds(121));
            f.Clock.Advance(TimeSpan.FromSeconds(61));
            await TokenFixture.AssertErrorAsync(await f.PasswordAsync("zhao.lei"), "invalid_grant");
            f.Clock.Advance(TimeSpan.FromSeconds(60));
            Assert.Equal(HttpStatusCode.OK, (await f.PasswordAsync("zhao.lei")).StatusCode);
            var lockouts = await f.AuditAsync(e => e.Action == "sign-in.locked-out" && e.Target == user.Id.ToString(), e => e.Detail!);
            Assert.Equal(3, lockouts.Count);
            Assert.Contains(lockouts, d => d.StartsWith("locked for 2 min"));
        }
        finally { f.Clock.Reset(); }
    }

    [Fact]
    public async Task An_admin_unlock_releases_a_locked_account()
    {
        var (user, _) = await f.AddUserAsync("unlock.me");
        for (var i = 0; i < 5; i++) await f.PasswordAsync("unlock.me", "Wrong-Password-" + i);
        await TokenFixture.AssertErrorAsync(await f.PasswordAsync("unlock.me"), "invalid_grant");
        await f.Identity.SeedAsync(db => AccountLockout.Release(db.Users.Single(u => u.Id == user.Id)));
        Assert.Equal(HttpStatusCode.OK, (await f.PasswordAsync("unlock.me")).StatusCode);
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in()
    {
        var (user, _) = await f.AddUserAsync("disabled.user");
        await f.Identity.SeedAsync(db => db.Users.Single(u => u.Id == user.Id).Status = UserStatus.Disabled);
        Assert.Contains("disabled", await TokenFixture.AssertErrorAsync(await f.PasswordAsync("disabled.user"), "invalid_grant"));
    }

    [Fact]
    public async Task An_admin_needs_a_valid_TOTP_code_and_each_code_works_once()
    {
        var (_, secret) = await f.AddUserAsync("admin.chen", enrolTotp: true, roles: "admin");
        Assert.Contains("totp parameter", await TokenFixture.AssertErrorAsync(await f.PasswordAsync("admin.chen"), "invalid_grant"));
        var wrong = Totp.Code(secret!, Totp.StepAt(f.Clock.GetUtcNow()) + 5);
        Assert.Contains("wrong", await TokenFixture.AssertErrorAsync(await f.PasswordAsync("admin.chen", totp: wrong), "invalid_grant"));

        var code = f.TotpNow(secret!);
        var who = await WhoAmIAsync(await f.PasswordAsync("admin.chen", totp: code));
        Assert.Equal(["pwd", "otp", "mfa"], who.Amr);
        Assert.Contains("used already", await TokenFixture.AssertErrorAsync(await f.PasswordAsync("admin.chen", totp: code), "invalid_grant"));
        // An older step (inside the window) is refused too: steps only move forward.
        Assert.Contains("used already", await TokenFixture.AssertErrorAsync(await f.PasswordAsync("admin.chen", totp: f.TotpNow(secret!, -1)), "invalid_grant"));
        Assert.Equal(HttpStatusCode.OK, (await f.PasswordAsync("admin.chen", totp: f.TotpNow(secret!, +1))).StatusCode);
    }

    [Fact]
    public async Task An_investigator_without_an_enrolled_second_factor_is_told_to_ask_an_admin()
    {
        await f.AddUserAsync("investigator.xu", roles: "investigator");
        Assert.Contains("enrol", await TokenFixture.AssertErrorAsync(await f.PasswordAsync("investigator.xu"), "invalid_grant"));
    }

    [Fact]
    public async Task A_user_re_enrols_TOTP_after_giving_the_current_password_and_a_fresh_code_and_the_old_secret_stops_working()
    {
        var (user, oldSecret) = await f.AddUserAsync("admin.sun", enrolTotp: true, roles: "admin");
        var token = (await TokenFixture.JsonAsync(await f.PasswordAsync("admin.sun", totp: f.TotpNow(oldSecret!)))).GetProperty("access_token").GetString();
        using var http = f.Identity.Client(token);

        var refused = await http.PostAsJsonAsync("/api/identity/me/totp", new { currentPassword = "Wrong-Password-1", currentTotp = f.TotpNow(oldSecret!, +1) }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        // The password alone, or with the code already used to sign in, does not move the second factor.
        foreach (var without in new object[]
                 {
                     new { currentPassword = TokenFixture.StrongPassword },
                     new { currentPassword = TokenFixture.StrongPassword, currentTotp = f.TotpNow(oldSecret!) },
                 })
        {
            var refusedWithout = await http.PostAsJsonAsync("/api/identity/me/totp", without, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, refusedWithout.StatusCode);
            Assert.Contains("currentTotp", await refusedWithout.Content.ReadAsStringAsync(Ct));
        }
        var response = await http.PostAsJsonAsync("/api/identity/me/totp", new { currentPassword = TokenFixture.StrongPassword, currentTotp = f.TotpNow(oldSecret!, +1) }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var enrolled = (await response.Content.ReadFromJsonAsync<TotpEnrolled>(Ct))!;
        Assert.StartsWith("otpauth://totp/Governance:admin.sun?secret=" + enrolled.Secret, enrolled.OtpAuthUri);

        f.Clock.Advance(TimeSpan.FromSeconds(90)); // past the steps used above
        try
        {
            await TokenFixture.AssertErrorAsync(await f.PasswordAsync("admin.sun", totp: f.TotpNow(oldSecret!)), "invalid_grant");
            Assert.Equal(HttpStatusCode.OK, (await f.PasswordAsync("admin.sun", totp: f.TotpNow(Base32.Decode(enrolled.Secret)))).StatusCode);
        }
        finally { f.Clock.Reset(); }
        Assert.Single(await f.AuditAsync(e => e.Action == "user.totp-enrolled" && e.Target == user.Id.ToString(), e => e));
    }

    [Fact]
    public async Task An_admin_resets_a_lost_second_factor_and_only_the_new_secret_works()
    {
        var (admin, adminSecret) = await f.AddUserAsync("admin.zhou", enrolTotp: true, roles: "admin");
        var (user, oldSecret) = await f.AddUserAsync("investigator.he", enrolTotp: true, roles: "investigator");
        var token = (await TokenFixture.JsonAsync(await f.PasswordAsync("admin.zhou", totp: f.TotpNow(adminSecret!)))).GetProperty("access_token").GetString();
        using var http = f.Identity.Client(token);

        var response = await http.PostAsync($"/api/identity/users/{user.Id}/totp", null, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var enrolled = (await response.Content.ReadFromJsonAsync<TotpEnrolled>(Ct))!;

        await TokenFixture.AssertErrorAsync(await f.PasswordAsync("investigator.he", totp: f.TotpNow(oldSecret!)), "invalid_grant");
        Assert.Equal(HttpStatusCode.OK, (await f.PasswordAsync("investigator.he", totp: f.TotpNow(Base32.Decode(enrolled.Secret)))).StatusCode);
        Assert.Single(await f.AuditAsync(e => e.Action == "user.totp-enrolled" && e.Target == user.Id.ToString() && e.Actor == admin.Id.ToString(), e => e));
    }
}
