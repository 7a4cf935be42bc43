using System.Net;
using System.Text.Json;
using Governance.ServiceDefaults.Auth;
using Governance.Testing;
using Governance.Testing.Auth;

namespace Governance.ServiceDefaults.Tests.Auth;

/// <summary>
/// The shared check on a host, with posts in the token: the role → permission map served by the
/// test issuer, the clock a <see cref="TestClock"/>.
/// </summary>
public sealed class PostCheckTests : IAsyncLifetime
{
    private const string Street = "632801/001";
    private const string GridA = "632801/001/002/001";
    private const string GridB = "632801/001/002/002";
    private const string OtherStreet = "632801/002";

    private readonly TestClock _clock = new();
    private TestIssuer _issuer = null!;
    private Defaults.DefaultsHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _issuer = await TestIssuer.StartAsync(TestContext.Current.CancellationToken);
        _issuer.Roles = new()
        {
            ["grid_leader"] = ["incident.read", "incident.verify"],
            ["grid_worker"] = ["incident.read", "incident.report"],
            ["mediator"] = ["mediation.read"],
        };
        _host = await AuthProbe.StartAsync(_issuer, _clock);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    private string Token(params Post[] posts) => _issuer.TokenWithPosts("u-7", "632801/001/003", posts, TimeSpan.FromDays(3650));

    private static Post P(string role, string org, DateTimeOffset? until = null) => new(role, OrgPath.Parse(org), until);

    private static string[] Strings(string json) => JsonSerializer.Deserialize<string[]>(json)!;

    private static string Detail(string body) => JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;

    [Fact]
    public async Task A_permission_passes_only_within_the_org_of_the_post_that_carries_it()
    {
        var token = Token(P("grid_leader", GridA), P("grid_worker", Street));

        var (inA, _) = await _host.GetAsync($"/permitted?permission=incident.verify&org={GridA}", token);
        var (inB, body) = await _host.GetAsync($"/permitted?permission=incident.verify&org={GridB}", token);
        var (readInB, _) = await _host.GetAsync($"/permitted?permission=incident.read&org={GridB}", token);
        var (nowhere, nowhereBody) = await _host.GetAsync($"/permitted?permission=mediation.read&org={GridA}", token);

        Assert.Equal(HttpStatusCode.OK, inA.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, inB.StatusCode); // grid leader in A; only a grid worker in the rest of the street
        Assert.Contains(GridA, Detail(body));
        Assert.Equal(HttpStatusCode.OK, readInB.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, nowhere.StatusCode);
        Assert.Contains("'mediation.read'", Detail(nowhereBody));
    }

    [Fact]
    public async Task A_post_stops_counting_at_its_end_though_the_token_is_still_valid()
    {
        var token = Token(P("grid_worker", "632801/001/003"), P("grid_leader", Street, _clock.GetUtcNow().AddDays(90)));

        var (before, _) = await _host.GetAsync($"/permitted?permission=incident.verify&org={GridA}", token);
        _clock.Advance(TimeSpan.FromDays(90));
        var (after, _) = await _host.GetAsync($"/permitted?permission=incident.verify&org={GridA}", token);
        var (_, posts) = await _host.GetAsync("/posts", token);
        var (_, me) = await _host.GetAsync("/me", token);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
        Assert.Equal(["grid_worker@632801/001/003"], Strings(posts));
        Assert.Equal(["grid_worker"], JsonDocument.Parse(me).RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_list_covers_the_subtrees_of_the_posts_carrying_its_permission_each_once()
    {
        var token = Token(P("grid_leader", GridA), P("grid_worker", Street), P("mediator", OtherStreet));

        var (_, read) = await _host.GetAsync("/subtrees?permission=incident.read", token);
        var (_, verify) = await _host.GetAsync("/subtrees?permission=incident.verify", token);
        var (_, mediation) = await _host.GetAsync("/subtrees?permission=mediation.read", token);
        var (none, _) = await _host.GetAsync("/subtrees?permission=audit.read", token);

        Assert.Equal([Street], Strings(read));
        Assert.Equal([GridA], Strings(verify));
        Assert.Equal([OtherStreet], Strings(mediation));
        Assert.Equal(HttpStatusCode.Forbidden, none.StatusCode);
    }

    [Fact]
    public async Task A_token_without_posts_is_judged_by_its_roles_at_its_org()
    {
        var token = _issuer.TokenFor("u-8", Street, ["grid_leader"]);

        var (inside, _) = await _host.GetAsync($"/permitted?permission=incident.verify&org={GridB}", token);
        var (outside, body) = await _host.GetAsync($"/permitted?permission=incident.verify&org={OtherStreet}", token);
        var (_, subtrees) = await _host.GetAsync("/subtrees?permission=incident.read", token);

        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Contains($"不在您的组织范围（{Street}）", Detail(body));
        Assert.Equal([Street], Strings(subtrees));
    }

    [Fact]
    public async Task A_token_with_a_malformed_post_is_refused_with_401()
    {
        var token = _issuer.Tokens.WithClaims(_issuer.Ec, new() { ["sub"] = "u-9", ["org"] = Street, ["posts"] = new[] { "grid_leader@632801//1" } });

        var (response, _) = await _host.GetAsync("/me", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("posts claim", response.Headers.WwwAuthenticate.ToString());
    }
}
