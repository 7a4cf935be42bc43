using System.Net;
using Governance.Identity.Tests.Infrastructure;
using Governance.Identity.Users;
using Microsoft.EntityFrameworkCore;
using static Governance.Identity.Tests.Infrastructure.TokenFixture;

namespace Governance.Identity.Tests.Tokens;

public sealed class RefreshTokenTests(TokenFixture f) : IClassFixture<TokenFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> SignInAsync(string userName)
    {
        await f.AddUserAsync(userName, roles: "grid_worker");
        return (await JsonAsync(await f.PasswordAsync(userName))).GetProperty("refresh_token").GetString()!;
    }

    private static async Task<string> RefreshTokenOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await JsonAsync(response)).GetProperty("refresh_token").GetString()!;
    }

    [Fact]
    public async Task Each_refresh_rotates_the_token_and_may_narrow_the_scope()
    {
        var first = await SignInAsync("refresh.one");
        var second = await RefreshTokenOf(await f.RefreshAsync(first));
        Assert.NotEqual(first, second);
        var narrowed = await f.TokenAsync(Form(("grant_type", "refresh_token"), ("client_id", ConsoleClient), ("refresh_token", second), ("scope", "grid.read")));
        Assert.Equal("grid.read", (await JsonAsync(narrowed)).GetProperty("scope").GetString());
        // Self-contained and encrypted; the database keeps only its entry (status, dates), never the value.
        var stored = await f.Identity.QueryAsync(db => db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreToken>()
            .Where(t => t.Type == OpenIddict.Abstractions.OpenIddictConstants.TokenTypeIdentifiers.RefreshToken).Select(t => t.Payload).ToListAsync(Ct));
        Assert.NotEmpty(stored);
        Assert.DoesNotContain(second, stored);
    }

    [Fact]
    public async Task A_refresh_cannot_widen_the_scope_and_does_not_spend_the_token_trying()
    {
        var token = await SignInAsync("refresh.wide");
        var wider = await f.TokenAsync(Form(("grant_type", "refresh_token"), ("client_id", ConsoleClient), ("refresh_token", token), ("scope", "population.read")));
        await AssertErrorAsync(wider, "invalid_scope");
        Assert.Equal(HttpStatusCode.OK, (await f.RefreshAsync(token)).StatusCode);
    }

    [Fact]
    public async Task Reusing_a_rotated_refresh_token_revokes_the_whole_family_and_is_audited()
    {
        var first = await SignInAsync("refresh.reuse");
        var second = await RefreshTokenOf(await f.RefreshAsync(first));

        // Past the leeway that lets two racing refreshes with one token both through.
        f.Clock.Advance(TimeSpan.FromSeconds(11));
        try { Assert.Contains("used already", await AssertErrorAsync(await f.RefreshAsync(first), "invalid_grant")); }
        finally { f.Clock.Reset(); }
        // The thief's copy and the rightful holder's newest token die together.
        await AssertErrorAsync(await f.RefreshAsync(second), "invalid_grant");
        Assert.Single(await f.AuditAsync(e => e.Action == "token.refresh-reused", e => e));
    }

    [Fact]
    public async Task Two_refreshes_racing_with_one_token_are_not_a_reuse()
    {
        var token = await SignInAsync("refresh.race");
        var both = await Task.WhenAll(f.RefreshAsync(token), f.RefreshAsync(token));
        Assert.All(both, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var user = await f.Identity.QueryAsync(db => db.Users.SingleAsync(u => u.UserName == "refresh.race", Ct));
        Assert.Empty(await f.AuditAsync(e => e.Action == "token.refresh-reused" && e.Target == user.Id.ToString(), e => e));
    }

    [Fact]
    public async Task Refresh_fails_for_a_user_disabled_since_sign_in()
    {
        var token = await SignInAsync("refresh.disabled");
        await f.Identity.SeedAsync(db => db.Users.Single(u => u.UserName == "refresh.disabled").Status = UserStatus.Disabled);
        Assert.Contains("disabled", await AssertErrorAsync(await f.RefreshAsync(token), "invalid_grant"));
    }

    [Fact]
    public async Task A_refresh_token_ends_with_its_sign_in_however_often_it_was_refreshed()
    {
        var token = await RefreshTokenOf(await f.RefreshAsync(await SignInAsync("refresh.expiry")));
        f.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromSeconds(1));
        try { await AssertErrorAsync(await f.RefreshAsync(token), "invalid_grant"); }
        finally { f.Clock.Reset(); }
    }

    [Fact]
    public async Task Another_clients_refresh_token_is_refused_like_an_unknown_one()
    {
        var token = await SignInAsync("refresh.other");
        await f.Identity.SeedAsync(db => db.Set<Clients.Client>().Add(new Clients.Client
        {
            ClientId = "other-app", Name = "Other app", GrantTypes = "password refresh_token", Scopes = "openid", OrgPath = IdentityHost.RootPath,
        }));
        await f.RegisterClientsAsync();
        await AssertErrorAsync(await f.TokenAsync(Form(("grant_type", "refresh_token"), ("client_id", "other-app"), ("refresh_token", token))), "invalid_grant");
        Assert.Equal(HttpStatusCode.OK, (await f.RefreshAsync(token)).StatusCode);
    }

    [Fact]
    public async Task Revoking_a_refresh_token_revokes_its_family_and_unknown_tokens_answer_200()
    {
        var first = await SignInAsync("revoke.me");
        var second = await RefreshTokenOf(await f.RefreshAsync(first));
        var revoked = await f.PostAsync("/connect/revocation", Form(("client_id", ConsoleClient), ("token", first), ("token_type_hint", "refresh_token")));
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        await AssertErrorAsync(await f.RefreshAsync(second), "invalid_grant");
        Assert.Single(await f.AuditAsync(e => e.Action == "token.revoked", e => e));

        Assert.Equal(HttpStatusCode.OK, (await f.PostAsync("/connect/revocation", Form(("client_id", ConsoleClient), ("token", "never-issued")))).StatusCode);
        await AssertErrorAsync(await f.PostAsync("/connect/revocation", Form(("client_id", ConsoleClient))), "invalid_request");
        await AssertErrorAsync(await f.PostAsync("/connect/revocation", Form(("token", second)), ("console", "a-secret")), "invalid_client", 401);
    }
}
