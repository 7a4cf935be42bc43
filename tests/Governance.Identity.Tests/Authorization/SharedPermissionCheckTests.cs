using System.Net;
using Governance.Identity.Roles;
using Governance.Identity.Tests.Infrastructure;
using Governance.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Governance.Identity.Tests.Authorization;

/// <summary>
/// Another service's endpoint guarded by the shared check: a role carrying the permission (per the
/// identity service's data) and the record inside the caller's org subtree.
/// </summary>
public sealed class SharedPermissionCheckTests : IAsyncLifetime
{
    private const string Street = "632801/001";
    private const string Community = "632801/001/002";
    private const string Sibling = "632801/001/003";

    private IdentityHost _identity = null!;
    private ConsumerHost _grid = null!;

    public async ValueTask InitializeAsync()
    {
        _identity = await IdentityHost.StartAsync();
        _grid = await ConsumerHost.StartAsync(_identity.IssuerUri, map: app =>
            // Stands for grid's "dispatch an incident that lies in {org}".
            app.MapPost("/api/grid/incidents/{org}/dispatch", async (HttpContext http, string org) =>
            {
                await http.EnsurePermittedAsync("incident.dispatch", OrgPath.Parse(Uri.UnescapeDataString(org)));
                return Results.Ok();
            }),
            settings: new Dictionary<string, string?> { ["Auth:RolesRefreshInterval"] = "00:00:01", ["Auth:JwksMinRefreshInterval"] = "00:00:01" });
    }

    public async ValueTask DisposeAsync()
    {
        await _grid.DisposeAsync();
        await _identity.DisposeAsync();
    }

    private async Task<HttpStatusCode> DispatchAsync(string callerOrg, string role, string recordOrg)
    {
        var client = _grid.Client(await _identity.TokenForAsync(callerOrg, role));
        var response = await client.PostAsync($"/api/grid/incidents/{Uri.EscapeDataString(recordOrg)}/dispatch", null, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_role_carrying_the_permission_acts_inside_its_subtree_only()
    {
        Assert.Equal(HttpStatusCode.OK, await DispatchAsync(Community, RoleCatalog.CentreOperator, Community));
        Assert.Equal(HttpStatusCode.Forbidden, await DispatchAsync(Community, RoleCatalog.CentreOperator, Sibling));
        Assert.Equal(HttpStatusCode.OK, await DispatchAsync(Street, RoleCatalog.CentreOperator, Sibling));
    }

    [Fact]
    public async Task A_post_permits_its_role_only_within_its_own_org_and_the_other_posts_do_not_lend_it()
    {
        // A centre operator at the community who is also a grid leader (no dispatch) at the street.
        var token = await _identity.TokenWithPostsAsync("u-posts", Community,
            new Post(RoleCatalog.CentreOperator, OrgPath.Parse(Community)), new Post(RoleCatalog.GridLeader, OrgPath.Parse(Street)));
        async Task<HttpStatusCode> Dispatch(string recordOrg) => (await _grid.Client(token)
            .PostAsync($"/api/grid/incidents/{Uri.EscapeDataString(recordOrg)}/dispatch", null, TestContext.Current.CancellationToken)).StatusCode;

        Assert.Equal(HttpStatusCode.OK, await Dispatch(Community));
        Assert.Equal(HttpStatusCode.Forbidden, await Dispatch(Sibling));
    }

    [Fact]
    public async Task A_role_without_the_permission_is_refused_inside_its_own_community()
    {
        Assert.Equal(HttpStatusCode.Forbidden, await DispatchAsync(Community, RoleCatalog.GridWorker, Community));
    }

    [Fact]
    public async Task A_permission_granted_in_identity_reaches_the_other_service()
    {
        Assert.Equal(HttpStatusCode.Forbidden, await DispatchAsync(Community, RoleCatalog.GridLeader, Community));

        await _identity.SeedAsync(db => db.RolePermissions.Add(new RolePermission { Role = RoleCatalog.GridLeader, Permission = "incident.dispatch" }));

        var deadline = DateTime.UtcNow.AddSeconds(15);
        HttpStatusCode status;
        do
        {
            await Task.Delay(500, TestContext.Current.CancellationToken);
            status = await DispatchAsync(Community, RoleCatalog.GridLeader, Community);
        } while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task An_anonymous_or_forged_caller_is_refused()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _grid.Client().PostAsync($"/api/grid/incidents/{Community}/dispatch", null, TestContext.Current.CancellationToken)).StatusCode);
        var token = await _identity.TokenForAsync(Community, RoleCatalog.CentreOperator);
        var parts = token.Split('.');
        // The same signature over a payload claiming the whole county.
        var payload = System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1]))
            .Replace(Community, "632801");
        var forged = parts[0] + "." + Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload) + "." + parts[2];
        var response = await _grid.Client(forged).PostAsync($"/api/grid/incidents/{Sibling}/dispatch", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
