using System.Text.Json;
using Governance.Identity.Org;
using Governance.Identity.Tests.Infrastructure;
using Governance.Identity.Users;
using Microsoft.IdentityModel.JsonWebTokens;
using static Governance.Identity.Tests.Infrastructure.TokenFixture;

namespace Governance.Identity.Tests.Tokens;

/// <summary>What the token service puts in an access token about a user's posts, read from the token itself.</summary>
public sealed class PostTokenTests(TokenFixture f) : IClassFixture<TokenFixture>
{
    private const string Street = "632801/001";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A user at the root holding grid_worker there, and <paramref name="role"/> at the street until <paramref name="until"/>.</summary>
    private async Task AddSecondedUserAsync(string userName, string role, DateTime? until)
    {
        var (user, _) = await f.AddUserAsync(userName, roles: "grid_worker");
        await f.Identity.SeedAsync(db =>
        {
            var street = db.OrgNodes.SingleOrDefault(n => n.Path == Street);
            if (street is null)
            {
                var root = db.OrgNodes.Single(n => n.Path == IdentityHost.RootPath);
                street = new OrgNode { Code = "001", Path = Street, Name = "昆仑路街道", Level = OrgLevel.Street, ParentId = root.Id, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
                db.OrgNodes.Add(street);
            }
            db.UserPosts.Add(new UserPost { UserId = user.Id, Role = role, OrgNodeId = street.Id, Until = until, GrantedAt = DateTime.UtcNow, GrantedBy = "test" });
        });
    }

    private async Task<(JsonWebToken Token, int ExpiresIn)> SignInAsync(string userName)
    {
        var body = await JsonAsync(await f.PasswordAsync(userName));
        return (new JsonWebToken(body.GetProperty("access_token").GetString()), body.GetProperty("expires_in").GetInt32());
    }

    private static string[] Values(JsonWebToken token, string claim) => token.Claims.Where(c => c.Type == claim).Select(c => c.Value).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task The_token_carries_each_live_post_with_its_end_and_their_roles_and_keeps_the_home_org()
    {
        var until = new DateTime(f.Clock.GetUtcNow().UtcDateTime.AddDays(90).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        await AddSecondedUserAsync("posts.claims", "centre_operator", until);

        var (token, expiresIn) = await SignInAsync("posts.claims");

        Assert.Equal([$"centre_operator@{Street};until={new DateTimeOffset(until).ToUnixTimeSeconds()}", "grid_worker@632801"], Values(token, "posts"));
        Assert.Equal(["centre_operator", "grid_worker"], Values(token, "roles"));
        Assert.Equal(IdentityHost.RootPath, token.GetClaim("org").Value);
        Assert.InRange(expiresIn, 295, 300); // an end 90 days off does not shorten a 5-minute token (counted from the moment it was signed)
    }

    [Fact]
    public async Task A_token_ends_no_later_than_the_first_end_among_its_posts()
    {
        var now = f.Clock.GetUtcNow().UtcDateTime;
        var until = new DateTime(now.AddMinutes(2).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        await AddSecondedUserAsync("posts.cap", "centre_operator", until);

        var (token, expiresIn) = await SignInAsync("posts.cap");

        // No later than the end; OpenIddict counts the lifetime from its own clock reading, a moment after ours.
        Assert.InRange(token.ValidTo, until.AddSeconds(-2), until);
        Assert.InRange(expiresIn, 100, 120);
    }

    [Fact]
    public async Task A_post_past_its_end_is_in_no_new_token_without_anyone_acting()
    {
        await AddSecondedUserAsync("posts.expired", "centre_operator", f.Clock.GetUtcNow().UtcDateTime.AddDays(1));
        Assert.Contains("centre_operator", Values((await SignInAsync("posts.expired")).Token, "roles"));

        f.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        try
        {
            var (token, expiresIn) = await SignInAsync("posts.expired");
            Assert.Equal(["grid_worker@632801"], Values(token, "posts"));
            Assert.Equal(["grid_worker"], Values(token, "roles"));
            Assert.InRange(expiresIn, 295, 300);
        }
        finally { f.Clock.Reset(); }
    }

    [Fact]
    public async Task A_client_credentials_token_carries_no_posts()
    {
        var secret = await f.AddClientAsync("posts-dept-system");

        var token = new JsonWebToken(await f.ClientCredentialsTokenAsync("posts-dept-system", secret));

        Assert.Empty(Values(token, "posts"));
        Assert.Equal(["centre_operator"], Values(token, "roles"));
    }
}
