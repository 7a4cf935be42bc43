using System.Net;
using System.Net.Http.Json;
using Governance.Identity.Roles;
using Governance.Identity.Tests.Infrastructure;
using Governance.ServiceDefaults.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Identity.Tests.Roles;

public sealed class RoleTests : IAsyncLifetime
{
    private IdentityHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await IdentityHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Roles_are_listed_as_the_catalog_seeds_them()
    {
        var anyone = await _host.ClientAsAsync("632801", "grid_worker");
        var roles = (await anyone.GetFromJsonAsync<List<RoleView>>("/api/identity/roles", Ct))!;
        Assert.Equal(RoleCatalog.Defaults.Select(d => d.Name).Order(StringComparer.Ordinal), roles.Select(r => r.Name).Order(StringComparer.Ordinal));
        var admin = roles.Single(r => r.Name == "admin");
        Assert.True(admin.RequiresSecondFactor);
        Assert.Contains("user.manage", admin.Permissions);
    }

    [Fact]
    public async Task A_root_admin_replaces_a_roles_permissions_and_the_check_follows_at_once()
    {
        var check = async () =>
        {
            await using var scope = _host.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<PermissionCheck>()
                .CheckAsync([new Post("assessor", OrgPath.Parse("632801"))], "assessment.export", OrgPath.Parse("632801/001"), Ct);
        };
        Assert.False((await check()).Allowed);

        var root = await _host.ClientAsAsync("632801", "admin");
        var response = await root.PutAsJsonAsync("/api/identity/roles/assessor/permissions", new { permissions = new[] { "assessment.read", "assessment.export" } }, Ct);
        var role = (await response.Content.ReadFromJsonAsync<RoleView>(Ct))!;
        Assert.Equal(["assessment.export", "assessment.read"], role.Permissions);
        Assert.True((await check()).Allowed);
        var line = await _host.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.AuditEntries, e => e.Action == "role.permissions-changed", Ct));
        Assert.Equal("added: assessment.export; removed: assessment.score", line.Detail);
    }

    [Fact]
    public async Task Only_a_root_admin_changes_permissions_and_bad_ones_are_named()
    {
        var root = await _host.ClientAsAsync("632801", "admin");
        var bad = await root.PutAsJsonAsync("/api/identity/roles/assessor/permissions", new { permissions = new[] { "Assessment Read" } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Assessment Read", await bad.Content.ReadAsStringAsync(Ct));
        var lockout = await root.PutAsJsonAsync("/api/identity/roles/admin/permissions", new { permissions = new[] { "org.manage" } }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, lockout.StatusCode);
        var street = await _host.ClientAsAsync("632801/001", "admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await street.PutAsJsonAsync("/api/identity/roles/assessor/permissions", new { permissions = new[] { "assessment.read" } }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await root.PutAsJsonAsync("/api/identity/roles/nobody/permissions", new { permissions = new[] { "a.b" } }, Ct)).StatusCode);
    }
}
