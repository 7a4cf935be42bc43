using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Governance.Identity.Clients;
using Governance.Identity.SignIn;
using Governance.Identity.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Identity.Tests.Infrastructure;

/// <summary>
/// One identity host (with a <see cref="TestClock"/>) and one consuming service per test class.
/// Tests make their own users and clients with unique names, so they do not disturb each other.
/// </summary>
public sealed class TokenFixture : IAsyncLifetime
{
    public const string StrongPassword = "Kunlun-Road-2024";
    /// <summary>The client of the legacy password grant (on in these tests, as in the standalone demo).</summary>
    public const string ConsoleClient = "cli";

    public IdentityHost Identity { get; private set; } = null!;
    public ConsumerHost Consumer { get; private set; } = null!;
    public TestClock Clock { get; } = new();

    /// <summary>Fails the save of a chosen audit action, when armed.</summary>
    public SaveFailure SaveFailure { get; } = new();

    public async ValueTask InitializeAsync()
    {
        Identity = await IdentityHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["Identity:SignIn:TokenBurst"] = "10000", ["Identity:SignIn:TokenRequestsPerMinute"] = "60000",
                ["Identity:SignIn:UserNameBurst"] = "10000", ["Identity:SignIn:UserNameRequestsPerMinute"] = "60000",
                ["Identity:OAuth:LegacyPasswordGrant"] = "true",
            },
            services: services => services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(SaveFailure),
            configure: builder => builder.Services.AddSingleton<TimeProvider>(Clock));
        Consumer = await ConsumerHost.StartAsync(Identity.IssuerUri);
        await Identity.SeedAsync(db => db.Set<Client>().Add(new Client
        {
            ClientId = ConsoleClient, Name = "Console", GrantTypes = "password refresh_token", Scopes = "openid grid.read incident.read",
            OrgPath = IdentityHost.RootPath, CreatedAt = DateTime.UtcNow,
        }));
        await RegisterClientsAsync();
    }

    /// <summary>Gives clients seeded straight into the database their OpenIddict applications, as the bootstrap does at start.</summary>
    public Task RegisterClientsAsync() => Identity.RegisterClientsAsync();

    public async ValueTask DisposeAsync()
    {
        await Consumer.DisposeAsync();
        await Identity.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A confidential client; returns its secret.</summary>
    public async Task<string> AddClientAsync(string clientId, string grants = "client_credentials", string scopes = "grid.read incident.read",
        string roles = "centre_operator", string org = IdentityHost.RootPath, bool enabled = true)
    {
        var secret = ClientSecrets.NewSecret();
        await Identity.SeedAsync(db => db.Set<Client>().Add(new Client
        {
            ClientId = clientId, Name = clientId + " system", SecretHash = ClientSecrets.Hash(secret), GrantTypes = grants, Scopes = scopes,
            OrgPath = org, Roles = roles, Enabled = enabled, CreatedAt = DateTime.UtcNow,
        }));
        await RegisterClientsAsync();
        return secret;
    }

    /// <summary>An active user at the root with <paramref name="roles"/>; with a TOTP secret when <paramref name="enrolTotp"/>.</summary>
    public async Task<(User User, byte[]? TotpSecret)> AddUserAsync(string userName, string password = StrongPassword, bool enrolTotp = false,
        params string[] roles)
    {
        var rootId = await Identity.QueryAsync(db => Task.FromResult(db.OrgNodes.Single(n => n.Path == IdentityHost.RootPath).Id));
        var user = new User { UserName = userName, DisplayName = "用户 " + userName, OrgNodeId = rootId, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
        user.PasswordHash = Identity.Services.GetRequiredService<IPasswordHasher<User>>().HashPassword(user, password);
        foreach (var role in roles) user.Posts.Add(new UserPost { UserId = user.Id, Role = role, OrgNodeId = rootId, GrantedAt = DateTime.UtcNow, GrantedBy = "test" });
        byte[]? secret = null;
        if (enrolTotp)
        {
            var enrolled = Identity.Services.GetRequiredService<TotpEnrollment>().Enroll(user);
            secret = Base32.Decode(enrolled.Secret);
        }
        await Identity.SeedAsync(db => db.Users.Add(user));
        return (user, secret);
    }

    public string TotpNow(byte[] secret, int stepOffset = 0) => Totp.Code(secret, Totp.StepAt(Clock.GetUtcNow()) + stepOffset);

    public static (string Key, string Value)[] Form(params (string Key, string Value)[] pairs) => pairs;

    /// <summary>POSTs a form to the identity host, optionally with HTTP Basic client credentials.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, (string Key, string Value)[] form, (string Id, string Secret)? basic = null)
    {
        using var http = Identity.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))),
        };
        if (basic is { } b)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(b.Id) + ":" + Uri.EscapeDataString(b.Secret))));
        return await http.SendAsync(request, Ct);
    }

    public Task<HttpResponseMessage> TokenAsync((string Key, string Value)[] form, (string Id, string Secret)? basic = null) =>
        PostAsync("/connect/token", form, basic);

    public async Task<string> ClientCredentialsTokenAsync(string clientId, string secret) =>
        (await JsonAsync(await TokenAsync(Form(("grant_type", "client_credentials")), (clientId, secret)))).GetProperty("access_token").GetString()!;

    /// <summary>The password grant through the console client.</summary>
    public Task<HttpResponseMessage> PasswordAsync(string userName, string password = StrongPassword, string? totp = null)
    {
        var form = new List<(string, string)> { ("grant_type", "password"), ("client_id", ConsoleClient), ("username", userName), ("password", password) };
        if (totp is not null) form.Add(("totp", totp));
        return TokenAsync([.. form]);
    }

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        TokenAsync(Form(("grant_type", "refresh_token"), ("client_id", ConsoleClient), ("refresh_token", refreshToken)));

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

    /// <summary>Asserts an RFC 6749 §5.2 error answer and returns its description.</summary>
    public static async Task<string> AssertErrorAsync(HttpResponseMessage response, string error, int status = 400)
    {
        var body = await JsonAsync(response);
        Assert.Equal(error, body.GetProperty("error").GetString());
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var description = body.GetProperty("error_description").GetString();
        Assert.False(string.IsNullOrWhiteSpace(description));
        return description!;
    }

    public async Task<List<T>> AuditAsync<T>(Func<Governance.Identity.Audit.AuditEntry, bool> where, Func<Governance.Identity.Audit.AuditEntry, T> select) =>
        await Identity.QueryAsync(db => Task.FromResult(db.AuditEntries.AsEnumerable().Where(where).Select(select).ToList()));
}
