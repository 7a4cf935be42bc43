using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.Identity.V1;
using Governance.Identity.Roles;
using Governance.Identity.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;

namespace Governance.Identity.Tests.Authorization;

/// <summary>
/// Identity's own admin endpoints decide by permission through the shared check (ADR 0005), with
/// the roles table as the only list: a role given a permission may, the admin role without it may not.
/// </summary>
public sealed class IdentityAdminPermissionTests : IAsyncLifetime
{
    private const string Root = IdentityHost.RootPath;
    private const string HelpDesk = "help_desk";

    private IdentityHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // The host reads the role map the way every service does; a second, not a minute, so the change shows quickly.
        _host = await IdentityHost.StartAsync(new Dictionary<string, string?> { ["Auth:RolesRefreshInterval"] = "00:00:01" });
        // Roles are data: a county adds one with a row, as a migration or a database script would.
        await _host.SeedAsync(db => db.Roles.Add(new Role { Name = HelpDesk, Description = "服务台: account help without admin rights" }));
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    /// <summary>What each permission guards, as one call that succeeds for a caller at the root who holds it.</summary>
    private static readonly (string Permission, Func<HttpClient, Task<HttpResponseMessage>> Call)[] Guarded =
    [
        (IdentityPermissions.UserRead, http => http.GetAsync("/api/identity/users", Ct)),
        (IdentityPermissions.UserManage, http => http.PostAsJsonAsync("/api/identity/users",
            new { userName = "zhang.helped", displayName = "张三", orgPath = Root, roles = Array.Empty<string>(), password = "correct horse battery" }, Ct)),
        (IdentityPermissions.OrgManage, http => http.PostAsJsonAsync("/api/identity/org-nodes", new { parentPath = Root, code = "001", name = "街道", level = "street" }, Ct)),
        (IdentityPermissions.DepartmentManage, http => http.PostAsJsonAsync("/api/identity/departments",
            new { orgPath = Root, code = "psb", name = "公安局", kind = "public_security" }, Ct)),
        (IdentityPermissions.ClientManage, http => http.PostAsJsonAsync("/api/identity/clients",
            new { clientId = "help-bot", name = "Help bot", grantTypes = new[] { "client_credentials" }, scopes = new[] { "grid.read" }, orgPath = Root }, Ct)),
        (IdentityPermissions.SigningKeyRotate, http => http.PostAsync("/api/identity/signing-keys/rotate", null, Ct)),
        (IdentityPermissions.AuditRead, http => http.GetAsync("/api/identity/audit", Ct)),
    ];

    [Fact]
    public async Task A_role_given_the_permissions_uses_identitys_admin_endpoints_and_the_admin_role_without_them_cannot()
    {
        using var rootAdmin = await _host.ClientAsAsync(Root, RoleCatalog.Admin);
        var everything = Guarded.Select(g => g.Permission).Append(IdentityPermissions.RoleManage).ToArray();
        (await rootAdmin.PutAsJsonAsync($"/api/identity/roles/{HelpDesk}/permissions", new { permissions = everything }, Ct)).EnsureSuccessStatusCode();
        // The admin keeps only role.manage (AdminKeepsRoleManage: so that it can repair this).
        (await rootAdmin.PutAsJsonAsync("/api/identity/roles/admin/permissions", new { permissions = new[] { IdentityPermissions.RoleManage } }, Ct))
            .EnsureSuccessStatusCode();

        using var helpDesk = await _host.ClientAsAsync(Root, HelpDesk);
        // Made now: one of the calls below rotates the signing key, and a token signed with the new one would first meet the refresh of the keys.
        var grpcToken = await _host.TokenForAsync(Root, HelpDesk);
        // The admin's change was saved last: once the check refuses the admin, it has read both changes.
        Assert.True(await Eventually.HoldsAsync(async () => (await rootAdmin.GetAsync("/api/identity/users", Ct)).StatusCode == HttpStatusCode.Forbidden, Ct),
            "the changed permissions never reached the check");

        foreach (var (permission, call) in Guarded)
        {
            // The admin first: refused, and with nothing written, since the same request then succeeds for the help desk.
            var refused = await call(rootAdmin);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains($"'{permission}'", (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
            var allowed = await call(helpDesk);
            Assert.True(allowed.IsSuccessStatusCode, $"{permission}: {(int)allowed.StatusCode} {await allowed.Content.ReadAsStringAsync(Ct)}");
        }
        // role.manage too is the permission, not the role: the help desk may repair the admin role.
        (await helpDesk.PutAsJsonAsync("/api/identity/roles/admin/permissions",
            new { permissions = RoleCatalog.Defaults.Single(r => r.Name == RoleCatalog.Admin).Permissions }, Ct)).EnsureSuccessStatusCode();

        // gRPC reads follow the same data.
        using var channel = GrpcChannel.ForAddress(_host.Grpc);
        var grpc = new IdentityService.IdentityServiceClient(channel);
        var users = await grpc.ListUsersAsync(new ListUsersRequest(), As(grpcToken)).ResponseAsync;
        Assert.Equal(["zhang.helped"], users.Users.Select(u => u.UserName));
    }

    [Fact]
    public async Task The_permission_does_not_reach_beyond_the_holders_subtree()
    {
        using var rootAdmin = await _host.ClientAsAsync(Root, RoleCatalog.Admin);
        (await rootAdmin.PostAsJsonAsync("/api/identity/org-nodes", new { parentPath = Root, code = "001", name = "街道", level = "street" }, Ct))
            .EnsureSuccessStatusCode();
        using var streetAdmin = await _host.ClientAsAsync(Root + "/001", RoleCatalog.Admin);
        foreach (var (permission, call) in Guarded.Where(g => g.Permission is not (IdentityPermissions.UserRead or IdentityPermissions.AuditRead)))
        {
            var refused = await call(streetAdmin);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{permission}: {(int)refused.StatusCode}");
            Assert.Contains("不在您的组织范围", (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
        }
    }

    private static CallOptions As(string token) =>
        new(new Metadata { { "authorization", "Bearer " + token } }, DateTime.UtcNow.AddSeconds(30), Ct);
}
