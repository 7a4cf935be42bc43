using System.Net;
using System.Net.Http.Json;
using Governance.Identity.Clients;
using Governance.Identity.Tests.Infrastructure;
using static Governance.Identity.Tests.Infrastructure.TokenFixture;

namespace Governance.Identity.Tests.Tokens;

public sealed class ClientsApiTests(TokenFixture f) : IClassFixture<TokenFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Request(string clientId, string org = IdentityHost.RootPath, string[]? roles = null, bool isPublic = false,
        string[]? grants = null) =>
        new { clientId, name = "市场监管系统", grantTypes = grants ?? ["client_credentials"], scopes = new[] { "incident.read" }, orgPath = org,
            roles = roles ?? ["department_handler"], @public = isPublic };

    [Fact]
    public async Task An_admin_creates_a_client_whose_secret_is_shown_once_works_and_rotates()
    {
        using var admin = await f.Identity.ClientAsAsync(IdentityHost.RootPath, "admin");
        var created = await admin.PostAsJsonAsync("/api/identity/clients", Request("samr-system"), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("no-store", created.Headers.CacheControl?.ToString());
        var dto = (await created.Content.ReadFromJsonAsync<ClientsApi.ClientDto>(Ct))!;
        Assert.Equal(HttpStatusCode.OK, (await f.TokenAsync(Form(("grant_type", "client_credentials")), ("samr-system", dto.Secret!))).StatusCode);

        var rotated = (await (await admin.PostAsync("/api/identity/clients/samr-system/secret", null, Ct)).Content.ReadFromJsonAsync<ClientsApi.ClientDto>(Ct))!;
        Assert.NotEqual(dto.Secret, rotated.Secret);
        await AssertErrorAsync(await f.TokenAsync(Form(("grant_type", "client_credentials")), ("samr-system", dto.Secret!)), "invalid_client", 401);
        Assert.Equal(HttpStatusCode.OK, (await f.TokenAsync(Form(("grant_type", "client_credentials")), ("samr-system", rotated.Secret!))).StatusCode);

        var audit = await f.AuditAsync(e => e.Target == "samr-system" && e.Action.StartsWith("client."), e => e.Action + " " + e.Detail);
        Assert.Equal(2, audit.Count);
        Assert.DoesNotContain(audit, a => a.Contains(dto.Secret!) || a.Contains(rotated.Secret!));
    }

    [Theory]
    [InlineData("Bad Id", "clientId")]
    [InlineData("0b9c8f4e-1d2a-4c3b-9e8f-7a6b5c4d3e2f", "clientId")] // a UUID, as user ids are: never a client's
    [InlineData("ok-id", "orgPath", "999999")]
    [InlineData("ok-id", "roles", "632801", "no_such_role")]
    public async Task Bad_client_fields_are_named(string clientId, string field, string org = IdentityHost.RootPath, string role = "grid_worker")
    {
        using var admin = await f.Identity.ClientAsAsync(IdentityHost.RootPath, "admin");
        var response = await admin.PostAsJsonAsync("/api/identity/clients", Request(clientId, org, [role]), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Rules_refuse_second_factor_roles_for_clients_and_client_credentials_for_public_clients()
    {
        using var admin = await f.Identity.ClientAsAsync(IdentityHost.RootPath, "admin");
        var strong = await admin.PostAsJsonAsync("/api/identity/clients", Request("admin-bot", roles: ["admin"]), Ct);
        Assert.Contains("ClientCannotHoldSecondFactorRole", await strong.Content.ReadAsStringAsync(Ct));
        var publicCc = await admin.PostAsJsonAsync("/api/identity/clients", Request("public-bot", isPublic: true, roles: []), Ct);
        Assert.Contains("PublicClientCannotUseClientCredentials", await publicCc.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Only_admins_manage_clients_and_only_within_their_org()
    {
        using var operatorClient = await f.Identity.ClientAsAsync(IdentityHost.RootPath, "centre_operator");
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.PostAsJsonAsync("/api/identity/clients", Request("op-bot"), Ct)).StatusCode);
        using var streetAdmin = await f.Identity.ClientAsAsync(IdentityHost.RootPath + "/001", "admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await streetAdmin.PostAsJsonAsync("/api/identity/clients", Request("street-bot"), Ct)).StatusCode);
    }
}
