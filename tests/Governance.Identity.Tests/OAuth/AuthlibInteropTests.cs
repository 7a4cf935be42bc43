using System.Text.Json;
using Governance.Identity.Tests.Infrastructure;

namespace Governance.Identity.Tests.OAuth;

/// <summary>
/// The OAuth surface against an independent client: Debian's python3-authlib 1.2 runs the code flow
/// with PKCE through the sign-in page, checks the ID token with the JWKS, refreshes, uses client
/// credentials, introspects and revokes (OAuth/Interop/oauth_client.py).
/// </summary>
public sealed class AuthlibInteropTests(TokenFixture f) : IClassFixture<TokenFixture>
{
    private const string Redirect = "http://127.0.0.1:9/authlib-callback";

    [Fact]
    public async Task Authlib_signs_in_with_the_code_flow_validates_the_id_token_refreshes_introspects_and_revokes()
    {
        await f.Identity.SeedAsync(db => db.Set<Clients.Client>().Add(new Clients.Client
        {
            ClientId = "authlib-web", Name = "authlib", GrantTypes = "authorization_code refresh_token", Scopes = "openid grid.read",
            OrgPath = IdentityHost.RootPath, RedirectUris = Redirect, CreatedAt = DateTime.UtcNow,
        }));
        var secret = await f.AddClientAsync("authlib-gateway", scopes: "grid.read");
        var (user, _) = await f.AddUserAsync("authlib.user", roles: "grid_worker");

        var line = await PythonScript.RunAsync(Path.Combine(AppContext.BaseDirectory, "OAuth", "Interop", "oauth_client.py"),
            [f.Identity.IssuerUri, "authlib-web", Redirect, "authlib.user", TokenFixture.StrongPassword, "authlib-gateway", secret],
            TestContext.Current.CancellationToken);

        var seen = JsonDocument.Parse(line).RootElement;
        Assert.Equal(user.Id.ToString(), seen.GetProperty("id_token_sub").GetString());
        Assert.Equal("ES256", seen.GetProperty("id_token_alg").GetString());
        Assert.Equal("openid grid.read offline_access", seen.GetProperty("scope").GetString());
        Assert.True(seen.GetProperty("rotated").GetBoolean());
        Assert.Equal("grid.read", seen.GetProperty("cc_scope").GetString());
        Assert.True(seen.GetProperty("introspection_active").GetBoolean());
        Assert.Equal(user.Id.ToString(), seen.GetProperty("introspection_sub").GetString());
        Assert.Equal(200, seen.GetProperty("revocation_status").GetInt32());
        Assert.Equal("invalid_grant", seen.GetProperty("after_revocation").GetString());
    }
}
