using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.Identity;
using Governance.Identity.Departments;
using Governance.Identity.Tests.Infrastructure;
using Governance.Identity.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Identity.Tests.Users;

public sealed class UserAdminTests : IAsyncLifetime
{
    private IdentityHost _host = null!;
    private HttpClient _admin = null!;
    private DepartmentView _psb = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await IdentityHost.StartAsync();
        _admin = await _host.ClientAsAsync(IdentityHost.RootPath, "admin");
        foreach (var (parent, code, level) in new[] { ("632801", "001", "street"), ("632801", "002", "street"), ("632801/001", "001", "community") })
            (await _admin.PostAsJsonAsync("/api/identity/org-nodes", new { parentPath = parent, code, name = "节点" + code, level }, Ct)).EnsureSuccessStatusCode();
        var psb = await _admin.PostAsJsonAsync("/api/identity/departments", new { orgPath = "632801", code = "psb", name = "公安局", kind = "public_security" }, Ct);
        _psb = (await psb.Content.ReadFromJsonAsync<DepartmentView>(Ct))!;
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<UsersApi.CreatedUser> CreateAsync(string userName, string orgPath, string[] roles, HttpClient? client = null, Guid? departmentId = null)
    {
        var response = await (client ?? _admin).PostAsJsonAsync("/api/identity/users",
            new { userName, displayName = "张三", orgPath, departmentId, roles, password = "correct horse battery" }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<UsersApi.CreatedUser>(Ct))!;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

    [Fact]
    public async Task A_created_user_is_stored_hashed_evented_and_audited_never_shows_its_hash_and_must_set_their_own_password()
    {
        var created = await CreateAsync("Li.Si", "632801/001/001", ["grid_worker"], departmentId: _psb.Id);

        Assert.Equal("li.si", created.User.UserName);
        Assert.Empty(created.SecondFactorNeededFor);
        var raw = await _admin.GetStringAsync($"/api/identity/users/{created.User.Id}", Ct);
        Assert.DoesNotContain("hash", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("totpSecret", raw, StringComparison.OrdinalIgnoreCase);
        var stored = await _host.QueryAsync(db => db.Users.SingleAsync(u => u.Id == created.User.Id, Ct));
        var hasher = _host.Services.GetRequiredService<IPasswordHasher<User>>();
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(stored, stored.PasswordHash!, "correct horse battery"));
        // The admin chose that password: the user's first sign-in asks for one of their own.
        Assert.True(stored.MustChangePassword);
        Assert.Equal(1, await _host.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "user.created" && e.Target == stored.Id.ToString() && e.OrgPath == "632801/001/001", Ct)));
        Assert.True(_host.Saves.Together("user.created", nameof(UserCreated)));
    }

    [Fact]
    public async Task An_auditor_gets_the_names_of_users_within_reach_and_a_grid_worker_is_refused()
    {
        var inside = await CreateAsync("wang.wu", "632801/001/001", ["grid_worker"]);
        var outside = await CreateAsync("zhao.liu", "632801/002", ["grid_worker"]);
        using var auditor = await _host.ClientAsAsync("632801/001", "auditor");

        var response = await auditor.PostAsJsonAsync("/api/identity/users/names", new { ids = new[] { inside.User.Id, outside.User.Id, Guid.NewGuid() } }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var names = (await JsonAsync(response)).EnumerateArray().ToList();
        // Only the user inside the auditor's subtree; the other and an unknown id are left out, as if absent.
        var only = Assert.Single(names);
        Assert.Equal(inside.User.Id, only.GetProperty("id").GetGuid());
        Assert.Equal("张三", only.GetProperty("displayName").GetString());
        Assert.Equal("wang.wu", only.GetProperty("userName").GetString());
        Assert.False(only.TryGetProperty("posts", out _));

        var none = await auditor.PostAsJsonAsync("/api/identity/users/names", new { ids = Array.Empty<Guid>() }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.True((await JsonAsync(none)).GetProperty("errors").TryGetProperty("ids", out _));

        using var worker = await _host.ClientAsAsync("632801/001/001", "grid_worker");
        var refused = await worker.PostAsJsonAsync("/api/identity/users/names", new { ids = new[] { inside.User.Id } }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Theory]
    [InlineData("LI.SI", "632801/001", "correct horse battery", "Conflict", null)]
    [InlineData("x", "632801/001", "correct horse battery", "BadRequest", "userName")]
    [InlineData("wang", "632801/009", "correct horse battery", "BadRequest", "orgPath")]
    [InlineData("wang", "632801/001", "short", "BadRequest", "password")]
    public async Task Bad_accounts_are_refused_precisely(string userName, string orgPath, string password, string status, string? field)
    {
        await CreateAsync("li.si", "632801/001", []);
        var response = await _admin.PostAsJsonAsync("/api/identity/users", new { userName, displayName = "王五", orgPath, roles = new[] { "grid_worker" }, password }, Ct);
        Assert.Equal(Enum.Parse<HttpStatusCode>(status), response.StatusCode);
        if (field is not null) Assert.True((await JsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(1, await _host.QueryAsync(db => db.Users.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_department_below_the_users_node_is_refused()
    {
        var office = await _admin.PostAsJsonAsync("/api/identity/departments", new { orgPath = "632801/001/001", code = "office", name = "社区", kind = "governance_office" }, Ct);
        var officeId = (await office.Content.ReadFromJsonAsync<DepartmentView>(Ct))!.Id;
        var response = await _admin.PostAsJsonAsync("/api/identity/users",
            new { userName = "wang", displayName = "王五", orgPath = "632801/001", departmentId = officeId, password = "correct horse battery" }, Ct);
        Assert.Equal("DepartmentSitsAtUserNodeOrAbove", (await JsonAsync(response)).GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Granting_a_second_factor_role_provisions_TOTP_once_and_is_evented()
    {
        var user = await CreateAsync("zhao", "632801/001", ["grid_worker"]);
        var response = await _admin.PostAsJsonAsync($"/api/identity/users/{user.User.Id}/roles", new { role = "investigator" }, Ct);
        var result = (await response.Content.ReadFromJsonAsync<RoleGrantResult>(Ct))!;
        Assert.True(result.SecondFactorEnrolmentNeeded);
        Assert.Contains("second factor", result.Message);
        Assert.Equal(["grid_worker", "investigator"], result.User.Roles);
        Assert.StartsWith("otpauth://totp/", result.SecondFactor!.OtpAuthUri);
        Assert.True(result.User.SecondFactorEnrolled);
        var stored = await _host.QueryAsync(db => db.Users.SingleAsync(u => u.Id == user.User.Id, Ct));
        Assert.DoesNotContain(result.SecondFactor.Secret, System.Text.Encoding.ASCII.GetString(stored.TotpSecret!)); // encrypted at rest

        var unknown = await _admin.PostAsJsonAsync($"/api/identity/users/{user.User.Id}/roles", new { role = "superuser" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        (await _admin.DeleteAsync($"/api/identity/users/{user.User.Id}/roles/investigator", Ct)).EnsureSuccessStatusCode();
        var actions = await _host.QueryAsync(db => db.AuditEntries.Where(e => e.Target == user.User.Id.ToString()).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Ct));
        Assert.Equal(["user.created", "user.totp-enrolled", "role.granted", "role.revoked"], actions);
        Assert.True(_host.Saves.Together("role.granted", nameof(RoleGranted)) && _host.Saves.Together("role.revoked", nameof(RoleRevoked)));
    }

    [Fact]
    public async Task Nobody_grants_roles_to_themselves_and_admin_stays_within_the_granting_admins_org()
    {
        var streetAdminUser = await CreateAsync("street.admin", "632801/001", ["admin"]);
        Assert.Equal(["admin"], streetAdminUser.SecondFactorNeededFor);
        var streetAdmin = _host.Client(await _host.TokenForSubjectAsync(streetAdminUser.User.Id.ToString(), "632801/001", "admin"));

        var self = await streetAdmin.PostAsJsonAsync($"/api/identity/users/{streetAdminUser.User.Id}/roles", new { role = "auditor" }, Ct);
        Assert.Equal("NobodyGrantsRolesToThemselves", (await JsonAsync(self)).GetProperty("rule").GetString());

        var countyUser = await CreateAsync("county.worker", "632801", ["centre_operator"]);
        var outside = await streetAdmin.PostAsJsonAsync($"/api/identity/users/{countyUser.User.Id}/roles", new { role = "admin" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        var notAdmin = await _host.ClientAsAsync("632801", "grid_leader");
        var refused = await notAdmin.GetAsync("/api/identity/users", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("'user.read'", (await JsonAsync(refused)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Moving_a_user_needs_both_nodes_in_the_admins_subtree_and_emits_UserChanged()
    {
        var user = await CreateAsync("qian", "632801/001/001", ["grid_worker"]);
        var streetAdmin = await _host.ClientAsAsync("632801/001", "admin");
        var away = await streetAdmin.PostAsJsonAsync($"/api/identity/users/{user.User.Id}/placement", new { orgPath = "632801/002" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, away.StatusCode);

        var moved = await streetAdmin.PostAsJsonAsync($"/api/identity/users/{user.User.Id}/placement", new { orgPath = "632801/001", departmentId = _psb.Id }, Ct);
        var view = (await moved.Content.ReadFromJsonAsync<UserView>(Ct))!;
        Assert.Equal(("632801/001", _psb.Id), (view.OrgPath, view.DepartmentId));
        Assert.True(_host.Saves.Together("user.changed", nameof(UserChanged)));
    }

    [Fact]
    public async Task Disabling_revokes_sessions_in_the_same_commit_and_unlock_clears_the_lockout()
    {
        var revoker = new RecordingRevoker();
        await using var host = await IdentityHost.StartAsync(services: s => s.AddScoped<IUserSessionRevoker>(_ => revoker));
        var admin = await host.ClientAsAsync(IdentityHost.RootPath, "admin");
        var created = await admin.PostAsJsonAsync("/api/identity/users", new { userName = "sun", displayName = "孙", orgPath = "632801", password = "correct horse battery" }, Ct);
        var user = (await created.Content.ReadFromJsonAsync<UsersApi.CreatedUser>(Ct))!.User;

        var disabled = (await (await admin.PostAsync($"/api/identity/users/{user.Id}/disable", null, Ct)).Content.ReadFromJsonAsync<UserView>(Ct))!;
        Assert.Equal("disabled", disabled.Status);
        Assert.Equal([user.Id], revoker.Revoked);
        (await admin.PostAsync($"/api/identity/users/{user.Id}/enable", null, Ct)).EnsureSuccessStatusCode();

        await host.SeedAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdate(u => u
            .SetProperty(x => x.LockedUntil, DateTime.UtcNow.AddHours(1)).SetProperty(x => x.FailedSignIns, 5).SetProperty(x => x.Lockouts, 2)));
        (await admin.PostAsync($"/api/identity/users/{user.Id}/unlock", null, Ct)).EnsureSuccessStatusCode();
        var stored = await host.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id, Ct));
        Assert.Equal((null, 0, 0), (stored.LockedUntil, stored.FailedSignIns, stored.Lockouts));
        var actions = await host.QueryAsync(db => db.AuditEntries.Where(e => e.Target == user.Id.ToString()).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Ct));
        Assert.Equal(["user.created", "user.disabled", "user.enabled", "user.unlocked"], actions);
        Assert.True(host.Saves.Together("user.disabled", nameof(UserDisabled)) && host.Saves.Together("user.enabled", nameof(UserEnabled)));
    }

    [Fact]
    public async Task Users_are_listed_by_subtree_role_department_and_status_a_page_at_a_time()
    {
        for (var i = 0; i < 5; i++) await CreateAsync($"worker{i}", "632801/001/001", ["grid_worker"]);
        await CreateAsync("other", "632801/002", ["grid_worker"]);
        await CreateAsync("cop", "632801/001", ["department_handler"], departmentId: _psb.Id);

        var first = (await _admin.GetFromJsonAsync<UserPage>("/api/identity/users?orgPath=632801/001&role=grid_worker&pageSize=3", Ct))!;
        Assert.Equal(["worker0", "worker1", "worker2"], first.Items.Select(u => u.UserName));
        var second = (await _admin.GetFromJsonAsync<UserPage>($"/api/identity/users?orgPath=632801/001&role=grid_worker&pageSize=3&after={first.Next}", Ct))!;
        Assert.Equal(["worker3", "worker4"], second.Items.Select(u => u.UserName));
        Assert.Null(second.Next);
        var byDepartment = (await _admin.GetFromJsonAsync<UserPage>($"/api/identity/users?departmentId={_psb.Id}", Ct))!;
        Assert.Equal(["cop"], byDepartment.Items.Select(u => u.UserName));
        Assert.Empty((await _admin.GetFromJsonAsync<UserPage>("/api/identity/users?status=disabled", Ct))!.Items);
        Assert.Equal(HttpStatusCode.BadRequest, (await _admin.GetAsync("/api/identity/users?status=gone", Ct)).StatusCode);
        var streetAdmin = await _host.ClientAsAsync("632801/002", "admin");
        Assert.Equal(["other"], (await streetAdmin.GetFromJsonAsync<UserPage>("/api/identity/users", Ct))!.Items.Select(u => u.UserName));
    }

    private sealed class RecordingRevoker : IUserSessionRevoker
    {
        public List<Guid> Revoked { get; } = [];

        public Task RevokeAllAsync(Data.IdentityDb db, Guid userId, string reason, CancellationToken ct)
        {
            Revoked.Add(userId);
            return Task.CompletedTask;
        }
    }
}
