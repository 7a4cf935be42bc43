using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Identity.Tests.Infrastructure;
using Governance.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Governance.Identity.Tests.Tokens;

public sealed class SigningKeyRotationTests(TokenFixture f) : IClassFixture<TokenFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<List<string>> JwksKidsAsync(IdentityHost host)
    {
        using var http = host.Client();
        var jwks = await http.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json", Ct);
        return jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToList();
    }

    [Fact]
    public async Task After_rotation_old_tokens_still_validate_elsewhere_the_JWKS_holds_both_keys_and_new_tokens_use_the_new_key()
    {
        var secret = await f.AddClientAsync("rotation-system");
        var oldToken = await f.ClientCredentialsTokenAsync("rotation-system", secret);
        Assert.Equal(HttpStatusCode.OK, (await f.Consumer.Client(oldToken).GetAsync("/whoami", Ct)).StatusCode);

        using var admin = await f.Identity.ClientAsAsync(IdentityHost.RootPath, "admin");
        var rotated = await admin.PostAsync("/api/identity/signing-keys/rotate", null, Ct);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var newKid = (await rotated.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("kid").GetString();

        var newToken = await f.ClientCredentialsTokenAsync("rotation-system", secret);
        Assert.Equal(newKid, new JsonWebToken(newToken).Kid);
        Assert.NotEqual(newKid, new JsonWebToken(oldToken).Kid);
        Assert.Equal(new[] { newKid!, new JsonWebToken(oldToken).Kid }.Order(), (await JwksKidsAsync(f.Identity)).Order());
        // The consumer meets an unknown kid and reads the JWKS again; JwtBearer does so in the
        // background, so the request that met it may be refused, and the ones after it accepted.
        Assert.True(await Eventually.HoldsAsync(async () => (await f.Consumer.Client(newToken).GetAsync("/whoami", Ct)).StatusCode == HttpStatusCode.OK, Ct),
            "the consumer never accepted a token signed with the rotated key");
        Assert.Equal(HttpStatusCode.OK, (await f.Consumer.Client(oldToken).GetAsync("/whoami", Ct)).StatusCode);
        // Identity trusts its own tokens the same way, through its discovery document: it too meets the
        // new kid once and reads its keys again in the background (a 403 from the auditors-only endpoint means the
        // token was accepted). Leave it knowing the new key, so the tests sharing this host do not meet that refusal.
        using var identityAsRotated = f.Identity.Client(newToken);
        Assert.True(await Eventually.HoldsAsync(async () => (await identityAsRotated.GetAsync("/api/identity/audit", Ct)).StatusCode != HttpStatusCode.Unauthorized, Ct),
            "the identity host never accepted a token signed with its rotated key");
        Assert.Single(await f.AuditAsync(e => e.Action == "signing-key.rotated" && e.Target == newKid, e => e));
    }

    [Fact]
    public async Task Only_an_admin_of_the_tree_root_may_rotate()
    {
        using var streetAdmin = await f.Identity.ClientAsAsync(IdentityHost.RootPath + "/001", "admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await streetAdmin.PostAsync("/api/identity/signing-keys/rotate", null, Ct)).StatusCode);
        using var operatorClient = await f.Identity.ClientAsAsync(IdentityHost.RootPath, "centre_operator");
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.PostAsync("/api/identity/signing-keys/rotate", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task Keys_rotate_by_themselves_once_older_than_RotateAfter()
    {
        await using var host = await IdentityHost.StartAsync(new Dictionary<string, string?>
        {
            ["Identity:SigningKeys:RotateAfter"] = "00:00:01", ["Identity:SigningKeys:CheckEvery"] = "00:00:00.200",
        });
        var first = await JwksKidsAsync(host);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        List<string> now;
        do
        {
            await Task.Delay(300, Ct);
            // The store caches its keys for 30 s; the JWKS shows rotations from this replica at once.
            now = await JwksKidsAsync(host);
        }
        while (!now.Except(first).Any() && DateTime.UtcNow < deadline);
        // A new key, and every key published before it still published (tokens they signed are still valid). On a
        // slow start the first rotation may come before the first look: the next one is what this waits for.
        Assert.True(now.Except(first).Any(), "no rotation within 15 s");
        Assert.Subset(now.ToHashSet(), first.ToHashSet());
    }
}
