using System.Net;
using System.Net.Http.Json;
using Governance.Identity.Clients;
using Governance.Identity.OAuth;
using Governance.Identity.Org;
using Governance.Identity.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.EntityFrameworkCore.Models;
using static Governance.Identity.Tests.Infrastructure.TokenFixture;

namespace Governance.Identity.Tests.Tokens;

/// <summary>
/// A client's registration is kept in memory between its token requests (ClientDirectory). A change
/// made through this identity takes effect at the next request; one made elsewhere (another replica,
/// the database) once the kept copy's lifetime has passed; and what is kept is a faithful copy.
/// </summary>
public sealed class KeptClientTests(TokenFixture f) : IClassFixture<TokenFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly (string, string)[] ClientCredentials = Form(("grant_type", "client_credentials"));

    [Fact]
    public async Task A_client_disabled_and_rekeyed_on_another_replica_is_seen_here_once_the_lifetime_has_passed()
    {
        var secret = await f.AddClientAsync("replica-system");
        Assert.Equal(HttpStatusCode.OK, (await f.TokenAsync(ClientCredentials, ("replica-system", secret))).StatusCode);

        // Another replica rotates the secret: it writes both rows, as ClientAdmin does.
        var newSecret = ClientSecrets.NewSecret();
        await f.Identity.QueryAsync(async db =>
        {
            await db.Set<Client>().Where(c => c.ClientId == "replica-system")
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.SecretHash, ClientSecrets.Hash(newSecret)), Ct);
            await db.Set<OpenIddictEntityFrameworkCoreApplication>().Where(a => a.ClientId == "replica-system")
                .ExecuteUpdateAsync(a => a.SetProperty(x => x.ClientSecret, ClientSecrets.Stored(ClientSecrets.Hash(newSecret))), Ct);
            return true;
        });
        f.Clock.Advance(Lifetime + TimeSpan.FromSeconds(1));

        await AssertErrorAsync(await f.TokenAsync(ClientCredentials, ("replica-system", secret)), "invalid_client", 401);
        Assert.Equal(HttpStatusCode.OK, (await f.TokenAsync(ClientCredentials, ("replica-system", newSecret))).StatusCode);

        // Then disables it.
        await f.Identity.QueryAsync(db => db.Set<Client>().Where(c => c.ClientId == "replica-system")
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.Enabled, false), Ct));
        f.Clock.Advance(Lifetime + TimeSpan.FromSeconds(1));

        await AssertErrorAsync(await f.TokenAsync(ClientCredentials, ("replica-system", newSecret)), "invalid_client", 401);
    }

    [Fact]
    public async Task A_client_moves_with_its_org_node_and_its_next_token_carries_the_new_path()
    {
        using var admin = await f.Identity.ClientAsAsync(IdentityHost.RootPath, "admin");
        var east = await CreateNodeAsync(admin, IdentityHost.RootPath, "011", "东城街道", "street");
        var west = await CreateNodeAsync(admin, IdentityHost.RootPath, "012", "西城街道", "street");
        var community = await CreateNodeAsync(admin, east.Path, "001", "河东社区", "community");
        var secret = await f.AddClientAsync("community-system", org: community.Path);
        Assert.Equal(community.Path, OrgOf(await f.ClientCredentialsTokenAsync("community-system", secret)));

        (await admin.PostAsJsonAsync($"/api/identity/org-nodes/{community.Id}/move", new { newParentPath = west.Path }, Ct)).EnsureSuccessStatusCode();

        Assert.Equal($"{west.Path}/001", OrgOf(await f.ClientCredentialsTokenAsync("community-system", secret)));
        Assert.Equal($"{west.Path}/001", await f.Identity.QueryAsync(db => db.Set<Client>().Where(c => c.ClientId == "community-system").Select(c => c.OrgPath).SingleAsync(Ct)));
    }

    [Fact]
    public async Task A_client_whose_org_node_is_retired_is_refused_at_its_next_request()
    {
        using var admin = await f.Identity.ClientAsAsync(IdentityHost.RootPath, "admin");
        var street = await CreateNodeAsync(admin, IdentityHost.RootPath, "021", "南城街道", "street");
        var secret = await f.AddClientAsync("street-system", org: street.Path);
        Assert.Equal(HttpStatusCode.OK, (await f.TokenAsync(ClientCredentials, ("street-system", secret))).StatusCode);

        (await admin.PostAsync($"/api/identity/org-nodes/{street.Id}/retire", null, Ct)).EnsureSuccessStatusCode();

        await AssertErrorAsync(await f.TokenAsync(ClientCredentials, ("street-system", secret)), "unauthorized_client");
    }

    [Fact]
    public async Task What_is_kept_of_an_application_is_a_copy_of_every_field_and_each_caller_gets_its_own()
    {
        var directory = new ClientDirectory(TimeProvider.System, Options.Create(new OAuthOptions()));
        var application = new OpenIddictEntityFrameworkCoreApplication();
        var fields = typeof(OpenIddictEntityFrameworkCoreApplication).GetProperties().Where(p => p.CanWrite && p.PropertyType == typeof(string)).ToList();
        Assert.NotEmpty(fields);
        foreach (var field in fields) field.SetValue(application, field.Name + " value");

        var first = await directory.FindApplicationAsync("copied", () => new(application));
        var second = await directory.FindApplicationAsync("copied", () => throw new InvalidOperationException("kept: not loaded again"));

        Assert.All(fields, field => Assert.Equal(field.Name + " value", field.GetValue(first)));
        Assert.All(fields, field => Assert.Equal(field.Name + " value", field.GetValue(second)));
        Assert.NotSame(application, first);
        Assert.NotSame(first, second);
        // Only string fields are copied: a field of another kind added by an OpenIddict upgrade must be looked at.
        Assert.All(typeof(OpenIddictEntityFrameworkCoreApplication).GetProperties().Where(p => p.CanWrite),
            p => Assert.Equal(typeof(string), p.PropertyType));
    }

    private TimeSpan Lifetime => f.Identity.Services.GetRequiredService<IOptions<OAuthOptions>>().Value.ClientCacheLifetime;

    private static string? OrgOf(string token) => new JsonWebToken(token).GetPayloadValue<string>("org");

    private static async Task<OrgApi.OrgNodeDto> CreateNodeAsync(HttpClient admin, string parent, string code, string name, string level)
    {
        var response = await admin.PostAsJsonAsync("/api/identity/org-nodes", new { parentPath = parent, code, name, level }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<OrgApi.OrgNodeDto>(Ct))!;
    }
}
