using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.Identity;
using Governance.Identity.Clients;
using Governance.Identity.Tests.Infrastructure;
using Governance.Identity.Users;
using Governance.Messaging.Outbox;
using Governance.Testing;
using Microsoft.EntityFrameworkCore;

namespace Governance.Identity.Tests.Audit;

/// <summary>The identity service serving as the runtime role, on a schema the owner role migrated (ADR 0011).</summary>
public sealed class RuntimeRoleServiceTests : IAsyncLifetime
{
    private IdentityHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await IdentityHost.StartAsync(new Dictionary<string, string?>
        {
            ["Identity:SignIn:TokenBurst"] = "1000", ["Identity:OAuth:LegacyPasswordGrant"] = "true",
        }, runtimeRole: true);
        await _host.SeedAsync(db => db.Set<Client>().Add(new Client
        {
            ClientId = "cli", Name = "CLI", GrantTypes = "password refresh_token", Scopes = "openid grid.read",
            OrgPath = IdentityHost.RootPath, CreatedAt = DateTime.UtcNow,
        }));
        await _host.RegisterClientsAsync();
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> PasswordAsync(string userName, string password) =>
        await _host.Client().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "cli", ["username"] = userName, ["password"] = password,
        }), Ct);

    [Fact]
    public async Task Admin_changes_sign_ins_lockouts_refreshes_events_and_the_audit_read_all_work_as_the_runtime_role()
    {
        using var admin = await _host.ClientAsAsync(IdentityHost.RootPath, "admin");
        (await admin.PostAsJsonAsync("/api/identity/org-nodes", new { parentPath = IdentityHost.RootPath, code = "001", name = "昆仑路街道", level = "street" }, Ct))
            .EnsureSuccessStatusCode();
        var created = await admin.PostAsJsonAsync("/api/identity/users",
            new { userName = "runtime.user", displayName = "张三", orgPath = "632801/001", roles = new[] { "grid_worker" }, password = "correct horse battery" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var userId = (await created.Content.ReadFromJsonAsync<UsersApi.CreatedUser>(Ct))!.User.Id;
        await _host.Events.WaitForAsync<UserCreated>(e => e.UserId == userId);
        // The dispatcher deletes what it published.
        Assert.True(await Eventually.HoldsAsync(async () => !await _host.QueryAsync(db => db.Set<OutboxMessage>().AnyAsync(Ct)), Ct));

        // The admin chose the password, so the password grant refuses it until the user sets their own (the sign-in page's
        // step, proven in the sign-in tests); here the account is taken as if they had.
        Assert.Equal(HttpStatusCode.BadRequest, (await PasswordAsync("runtime.user", "correct horse battery")).StatusCode);
        await _host.SeedAsync(db => db.Users.Single(u => u.Id == userId).MustChangePassword = false);
        var signedIn = await PasswordAsync("runtime.user", "correct horse battery");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var refreshToken = (await signedIn.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("refresh_token").GetString()!;
        var refreshed = await _host.Client().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = "cli", ["refresh_token"] = refreshToken,
        }), Ct);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.BadRequest, (await PasswordAsync("runtime.user", "Wrong-Password-" + i)).StatusCode);

        using var auditor = await _host.ClientAsAsync(IdentityHost.RootPath, "auditor");
        var page = await auditor.GetFromJsonAsync<JsonElement>($"/api/identity/audit?target={userId}", Ct);
        var actions = page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "user.created", "sign-in.succeeded", "token.issued", "sign-in.failed", "sign-in.locked-out" }, actions);
        Assert.NotNull(await _host.QueryAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.LockedUntil).SingleAsync(Ct)));
    }
}
