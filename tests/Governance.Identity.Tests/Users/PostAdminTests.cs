using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.Identity;
using Governance.Identity.Tests.Infrastructure;
using Governance.Identity.Users;
using Microsoft.EntityFrameworkCore;

namespace Governance.Identity.Tests.Users;

/// <summary>Posts through the admin API: a role at an org node, optionally until a date, granted and ended under the role-grant rules.</summary>
public sealed class PostAdminTests : IAsyncLifetime
{
    private const string Street = "632801/001";
    private const string Community = "632801/001/001";
    private const string OtherStreet = "632801/002";

    private IdentityHost _host = null!;
    private HttpClient _root = null!, _streetAdmin = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await IdentityHost.StartAsync();
        _root = await _host.ClientAsAsync(IdentityHost.RootPath, "admin");
        _streetAdmin = await _host.ClientAsAsync(Street, "admin");
        foreach (var (parent, code, level) in new[] { ("632801", "001", "street"), ("632801", "002", "street"), (Street, "001", "community") })
            (await _root.PostAsJsonAsync("/api/identity/org-nodes", new { parentPath = parent, code, name = "节点" + code, level }, Ct)).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<UserView> CreateAsync(string userName, string orgPath, params string[] roles)
    {
        var response = await _root.PostAsJsonAsync("/api/identity/users",
            new { userName, displayName = "李四", orgPath, roles, password = "correct horse battery" }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<UsersApi.CreatedUser>(Ct))!.User;
    }

    private static Task<HttpResponseMessage> GrantAsync(HttpClient admin, Guid user, string role, string orgPath, string? until = null) =>
        admin.PostAsJsonAsync($"/api/identity/users/{user}/posts", new { role, orgPath, until }, Ct);

    private static async Task<T> OkAsync<T>(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<T>(Ct))!;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    [Fact]
    public async Task A_secondment_to_the_street_until_a_date_is_granted_audited_evented_and_shown()
    {
        var user = await CreateAsync("li.si", Community, "grid_worker");
        var until = DateTime.UtcNow.AddDays(90);

        var result = await OkAsync<PostGrantResult>(await GrantAsync(_streetAdmin, user.Id, "centre_operator", Street, until.ToString("O")));

        Assert.Equal(("centre_operator", Street), (result.Post.Role, result.Post.OrgPath));
        Assert.Equal(until.AddTicks(-(until.Ticks % TimeSpan.TicksPerSecond)), result.Post.Until); // whole seconds, as the token carries it
        Assert.Equal(["centre_operator", "grid_worker"], result.User.Roles);
        Assert.Equal([("centre_operator", Street), ("grid_worker", Community)], result.User.Posts.Select(p => (p.Role, p.OrgPath)));
        Assert.Equal(Community, result.User.OrgPath); // the home org stays
        var line = await _host.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Action == "post.granted", Ct));
        Assert.Equal((user.Id.ToString(), Street), (line.Target, line.OrgPath));
        Assert.True(_host.Saves.Together("post.granted", nameof(PostGranted)));
    }

    [Fact]
    public async Task Granting_a_held_post_again_changes_its_end_and_ending_it_takes_it_away_once()
    {
        var user = await CreateAsync("zhou", Community, "grid_worker");
        var first = await OkAsync<PostGrantResult>(await GrantAsync(_root, user.Id, "mediator", OtherStreet, "2030-01-01"));
        var again = await OkAsync<PostGrantResult>(await GrantAsync(_root, user.Id, "mediator", OtherStreet, "2031-06-30T12:00:00+08:00"));

        Assert.Equal(first.Post.Id, again.Post.Id);
        Assert.Equal(new DateTime(2031, 6, 30, 4, 0, 0, DateTimeKind.Utc), again.Post.Until);
        Assert.Equal(new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc), first.Post.Until); // a date alone is midnight UTC
        Assert.Equal(2, await _host.QueryAsync(db => db.UserPosts.CountAsync(p => p.UserId == user.Id, Ct)));

        var ended = await OkAsync<UserView>(await _root.DeleteAsync($"/api/identity/users/{user.Id}/posts/{first.Post.Id}", Ct));
        Assert.Equal(["grid_worker"], ended.Roles);
        Assert.DoesNotContain(ended.Posts, p => p.Id == first.Post.Id);
        var stored = await _host.QueryAsync(db => db.UserPosts.SingleAsync(p => p.Id == first.Post.Id, Ct));
        Assert.True(stored.Until <= DateTime.UtcNow); // kept as history, ended
        (await _root.DeleteAsync($"/api/identity/users/{user.Id}/posts/{first.Post.Id}", Ct)).EnsureSuccessStatusCode();
        var actions = await _host.QueryAsync(db => db.AuditEntries.Where(e => e.Target == user.Id.ToString()).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Ct));
        Assert.Equal(["user.created", "post.granted", "post.granted", "post.ended"], actions);
        Assert.True(_host.Saves.Together("post.ended", nameof(PostEnded)));
    }

    [Fact]
    public async Task Posts_follow_the_rules_of_granting_roles()
    {
        var user = await CreateAsync("wu.wei", Community, "grid_worker");
        var admin = await CreateAsync("street.admin", Street, "admin");
        var self = _host.Client(await _host.TokenForSubjectAsync(admin.Id.ToString(), Street, "admin"));

        Assert.Equal("NobodyGrantsRolesToThemselves",
            (await ProblemAsync(await GrantAsync(self, admin.Id, "mediator", Street), HttpStatusCode.Conflict)).GetProperty("rule").GetString());
        // The granter's own posts must reach the post's org: a street's admin seconds nobody to the next street, nor to the county.
        await ProblemAsync(await GrantAsync(_streetAdmin, user.Id, "mediator", OtherStreet), HttpStatusCode.Forbidden);
        await ProblemAsync(await GrantAsync(_streetAdmin, user.Id, "admin", IdentityHost.RootPath), HttpStatusCode.Forbidden);
        // An admin post inside the street is the street admin's to give; not a grid leader's, whatever their org.
        await OkAsync<PostGrantResult>(await GrantAsync(_streetAdmin, user.Id, "admin", Community));
        var leader = await _host.ClientAsAsync(IdentityHost.RootPath, "grid_leader");
        await ProblemAsync(await GrantAsync(leader, user.Id, "mediator", Street), HttpStatusCode.Forbidden);

        foreach (var (role, org, until, field) in new (string, string, string?, string)[]
        {
            ("superuser", Street, null, "role"), ("", Street, null, "role"), ("mediator", "632801/0x", null, "orgPath"),
            ("mediator", "632801/009", null, "orgPath"), ("mediator", Street, "2020-01-01T00:00:00Z", "until"), ("mediator", Street, "next spring", "until"),
        })
        {
            var refused = await ProblemAsync(await GrantAsync(_root, user.Id, role, org, until), HttpStatusCode.BadRequest);
            Assert.True(refused.GetProperty("errors").TryGetProperty(field, out _), $"{role} {org} {until}: {refused}");
        }
        await ProblemAsync(await GrantAsync(_root, Guid.NewGuid(), "mediator", Street), HttpStatusCode.NotFound);
        await ProblemAsync(await _root.DeleteAsync($"/api/identity/users/{user.Id}/posts/{Guid.NewGuid()}", Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_street_admin_cannot_end_a_post_held_outside_the_street()
    {
        var user = await CreateAsync("zheng", Community, "grid_worker");
        var county = await OkAsync<PostGrantResult>(await GrantAsync(_root, user.Id, "centre_operator", IdentityHost.RootPath));

        await ProblemAsync(await _streetAdmin.DeleteAsync($"/api/identity/users/{user.Id}/posts/{county.Post.Id}", Ct), HttpStatusCode.Forbidden);

        Assert.Null(await _host.QueryAsync(db => db.UserPosts.Where(p => p.Id == county.Post.Id).Select(p => p.Until).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Roles_are_posts_at_the_users_own_node_which_move_with_the_user_while_other_posts_stay()
    {
        var user = await CreateAsync("feng", Community, "grid_worker", "centre_operator");
        await OkAsync<PostGrantResult>(await GrantAsync(_root, user.Id, "centre_operator", OtherStreet));

        // Taking the role ends the post at the user's own node; the same role held elsewhere stays.
        var revoked = await OkAsync<UserView>(await _root.DeleteAsync($"/api/identity/users/{user.Id}/roles/centre_operator", Ct));
        Assert.Equal([("centre_operator", OtherStreet), ("grid_worker", Community)], revoked.Posts.Select(p => (p.Role, p.OrgPath)));

        var moved = await OkAsync<UserView>(await _root.PostAsJsonAsync($"/api/identity/users/{user.Id}/placement", new { orgPath = Street }, Ct));
        Assert.Equal([("centre_operator", OtherStreet), ("grid_worker", Street)], moved.Posts.Select(p => (p.Role, p.OrgPath)));
        var granted = await OkAsync<RoleGrantResult>(await _root.PostAsJsonAsync($"/api/identity/users/{user.Id}/roles", new { role = "mediator" }, Ct));
        Assert.Contains(granted.User.Posts, p => (p.Role, p.OrgPath, p.Until) == ("mediator", Street, null));
    }

    [Fact]
    public async Task A_post_whose_role_needs_a_second_factor_provisions_one_shown_once()
    {
        var user = await CreateAsync("chu", Community, "grid_worker");

        var response = await GrantAsync(_root, user.Id, "investigator", Street, DateTime.UtcNow.AddDays(30).ToString("O"));
        var result = await OkAsync<PostGrantResult>(response);

        Assert.True(result.SecondFactorEnrolmentNeeded);
        Assert.StartsWith("otpauth://totp/", result.SecondFactor!.OtpAuthUri);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }
}
