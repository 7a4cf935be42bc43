using System.Security.Claims;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;

namespace Governance.ServiceDefaults.Tests.Auth;

/// <summary>The post claim's format, and the per-post check as <see cref="Caller"/> reads a principal.</summary>
public sealed class PostTests
{
    private const string Street = "632801/001";
    private const string GridA = "632801/001/002/001";
    private const string GridB = "632801/001/002/002";
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    private static ClaimsPrincipal Principal(string? org, string[] roles, params string[] posts)
    {
        var claims = new List<Claim> { new(GovernanceClaims.Subject, "u-1") };
        if (org is not null) claims.Add(new(GovernanceClaims.Org, org));
        claims.AddRange(roles.Select(r => new Claim(GovernanceClaims.Role, r)));
        claims.AddRange(posts.Select(p => new Claim(GovernanceClaims.Posts, p)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test", GovernanceClaims.Subject, GovernanceClaims.Role));
    }

    [Fact]
    public void A_post_claim_value_round_trips_with_and_without_an_end()
    {
        var open = new Post("grid_leader", OrgPath.Parse(GridA));
        var seconded = new Post("centre_operator", OrgPath.Parse(Street), Now.AddDays(90));

        Assert.Equal("grid_leader@632801/001/002/001", open.ToClaimValue());
        Assert.Equal($"centre_operator@632801/001;until={Now.AddDays(90).ToUnixTimeSeconds()}", seconded.ToClaimValue());
        Assert.True(Post.TryParseClaimValue(open.ToClaimValue(), out var a) && a == open);
        Assert.True(Post.TryParseClaimValue(seconded.ToClaimValue(), out var b) && b == seconded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("grid_leader")]
    [InlineData("@632801")]
    [InlineData("grid_leader@")]
    [InlineData("grid_leader@632801/")]
    [InlineData("Grid_Leader@632801")]
    [InlineData("grid leader@632801")]
    [InlineData("grid_leader@632801;until=")]
    [InlineData("grid_leader@632801;until=-5")]
    [InlineData("grid_leader@632801;until=1.5")]
    [InlineData("grid_leader@632801;till=1777593600")]
    [InlineData("{\"role\":\"grid_leader\",\"org\":\"632801\"}")]
    public void A_malformed_post_claim_value_is_rejected(string value) => Assert.False(Post.TryParseClaimValue(value, out _));

    [Fact]
    public void A_post_counts_until_its_end_and_not_from_then_on()
    {
        var until = Now.AddDays(90);
        var principal = Principal("632801/001/003", ["grid_worker", "centre_operator"],
            "grid_worker@632801/001/003", new Post("centre_operator", OrgPath.Parse(Street), until).ToClaimValue());

        var before = Caller.From(principal, until.AddSeconds(-1));
        var after = Caller.From(principal, until);

        Assert.Equal(["centre_operator", "grid_worker"], before.Posts.Select(p => p.Role).Order());
        Assert.True(before.HasRole("centre_operator") && before.MayActOn(OrgPath.Parse(GridA), "centre_operator"));
        Assert.Equal(["grid_worker"], after.Posts.Select(p => p.Role));
        Assert.False(after.HasRole("centre_operator")); // the token's roles still say it; the post no longer counts
        Assert.False(after.MayActOn(OrgPath.Parse(GridA)));
        Assert.Equal("632801/001/003", after.OrgPath?.Value); // the home org stays
    }

    [Fact]
    public void Each_post_permits_its_role_within_its_own_org_only()
    {
        var caller = Caller.From(Principal(GridA, [], "grid_leader@" + GridA, "grid_worker@" + Street), Now);

        Assert.True(caller.MayActOn(OrgPath.Parse(GridA), "grid_leader"));
        Assert.False(caller.MayActOn(OrgPath.Parse(GridB), "grid_leader")); // a grid leader in A, not in the rest of the street
        Assert.True(caller.MayActOn(OrgPath.Parse(GridB), "grid_worker"));
        Assert.True(caller.MayActOn(OrgPath.Parse(GridB)));
        var refused = Assert.Throws<Problems.DomainException>(() => caller.EnsureMayActOn(OrgPath.Parse(GridB), "grid_leader"));
        Assert.Contains(GridA, refused.Message);
        Assert.Equal([Street], caller.Reach.Select(o => o.Value)); // A lies in the street: the street once
    }

    [Fact]
    public void A_token_without_posts_holds_its_roles_at_its_org_as_before()
    {
        var caller = Caller.From(Principal(Street, ["centre_operator", "mediator"]), Now);
        var orgless = Caller.From(Principal(null, ["centre_operator"]), Now);

        Assert.Equal(["centre_operator@632801/001", "mediator@632801/001"], caller.Posts.Select(p => p.ToClaimValue()));
        Assert.True(caller.MayActOn(OrgPath.Parse(GridA), "mediator"));
        Assert.False(caller.MayActOn(OrgPath.Parse("632801/002"), "mediator"));
        Assert.Contains("outside your org subtree (632801/001)",
            Assert.Throws<Problems.DomainException>(() => caller.EnsureMayActOn(OrgPath.Parse("632801/002"))).Message);
        Assert.Empty(orgless.Posts);
        Assert.Contains("names no org", Assert.Throws<Problems.DomainException>(() => orgless.EnsureMayActOn(OrgPath.Parse(Street), "centre_operator")).Message);
    }

    private sealed record Row(string OrgPath, string ResponsibleOrgPath);

    [Fact]
    public void A_list_within_several_subtrees_matches_whole_segments_of_any_path()
    {
        var rows = new[]
        {
            new Row("632801/001/002", "632801/001/002"), new Row("632801/0012", "632801/0012"),
            new Row("632801/003/001", "632801/002"), new Row("632801/004", "632801/004"),
        }.AsQueryable();
        OrgPath[] subtrees = [OrgPath.Parse("632801/001"), OrgPath.Parse("632801/002")];

        Assert.Equal(["632801/001/002"], rows.WithinAnySubtree(subtrees, r => r.OrgPath).Select(r => r.OrgPath));
        Assert.Equal(["632801/001/002", "632801/003/001"], rows.WithinAnySubtree(subtrees, r => r.OrgPath, r => r.ResponsibleOrgPath).Select(r => r.OrgPath));
        Assert.Empty(rows.WithinAnySubtree([], r => r.OrgPath));
    }
}
