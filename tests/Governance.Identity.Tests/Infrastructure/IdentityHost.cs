using System.Security.Cryptography;
using Governance.Identity.Audit;
using Governance.Identity.Data;
using Governance.Identity.Org;
using Governance.Identity.Tokens;
using Governance.Identity.Users;
using Governance.ServiceDefaults.Auth;
using Governance.Testing.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Identity.Tests.Infrastructure;

/// <summary>
/// The identity service on the shared <see cref="ServiceTestHost{TDb}"/>, its own token issuer:
/// it trusts its own tokens through OIDC discovery over HTTP like any other service. Starts with
/// the root county 632801 (格尔木市).
/// </summary>
public sealed class IdentityHost : ServiceTestHost<IdentityDb>
{
    public const string RootPath = "632801";

    public static readonly ServiceUnderTest Service = new("identity", b => b.AddIdentityService(), a => a.MapIdentityService());

    private IdentityHost() { }

    /// <summary>The issuer its tokens name, and other hosts trust.</summary>
    public string IssuerUri => Http.ToString().TrimEnd('/');

    /// <summary>What each save wrote to the audit trail and the outbox.</summary>
    public SaveRecorder Saves { get; } = new();

    /// <param name="settings">Configuration over the defaults.</param>
    /// <param name="seedRoot">False for tests of the bootstrap, which creates the root itself.</param>
    /// <param name="services">Runs after the service is added: replaces or adds services.</param>
    /// <param name="configure">Runs after the service is added: e.g. replaces <see cref="TimeProvider"/> with a <see cref="TestClock"/>.</param>
    /// <param name="runtimeRole">Migrated by an owner role, served by a runtime role that owns nothing (ADR 0011), as in the cluster.</param>
    public static async Task<IdentityHost> StartAsync(IDictionary<string, string?>? settings = null, bool seedRoot = true,
        Action<IServiceCollection>? services = null, Action<WebApplicationBuilder>? configure = null, bool runtimeRole = false)
    {
        var host = new IdentityHost();
        var all = new Dictionary<string, string?>
        {
            // Tests rotate keys: the host must fetch a new kid at once, not after the production floor of 30 s (1 s is the least IdentityModel takes).
            ["Auth:JwksMinRefreshInterval"] = "00:00:01",
            ["Identity:KeyEncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Messaging:RetryIntervalsMs:0"] = "50",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        await host.StartServiceAsync(Service, new ServiceTestHostOptions
        {
            Settings = all,
            SelfIssued = true,
            RuntimeRole = runtimeRole,
            Configure = builder =>
            {
                builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(host.Saves);
                services?.Invoke(builder.Services);
                configure?.Invoke(builder);
            },
        });
        // What the migration adds beside the model: the audit trail refuses UPDATE, DELETE and TRUNCATE.
        if (!runtimeRole)
            await host.QueryAsync(db => db.Database.ExecuteSqlRawAsync(AuditAppendOnly.PostgreSqlTrigger, TestContext.Current.CancellationToken));
        if (seedRoot) await host.SeedAsync(db => db.OrgNodes.Add(new OrgNode
        {
            Code = RootPath, Path = RootPath, Name = "格尔木市", Level = OrgLevel.County, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        }));
        return host;
    }

    /// <summary>
    /// A real access token signed with the service's current key, for a staff member at
    /// <paramref name="org"/> with <paramref name="roles"/>: a shortcut past the sign-in for tests
    /// that are about what a token permits, not how it is obtained.
    /// </summary>
    public Task<string> TokenForAsync(string org, params string[] roles) =>
        TokenForSubjectAsync("u-" + Guid.NewGuid().ToString("n")[..8], org, roles);

    /// <summary>A token whose <c>sub</c> is <paramref name="subject"/>, e.g. a stored user's id.</summary>
    public Task<string> TokenForSubjectAsync(string subject, string org, params string[] roles) =>
        SignAsync(subject, org, roles, null, null);

    // Signed like the OAuth server signs (its current ES256 key, at+jwt), without a sign-in.
    private async Task<string> SignAsync(string subject, string org, IReadOnlyCollection<string> roles, IReadOnlyCollection<string>? posts, DateTime? endsBy)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = subject, ["name"] = "测试用户", ["org"] = org, ["roles"] = roles.ToArray(), ["scope"] = "openid", ["amr"] = new[] { "pwd" },
            ["client_id"] = "console", ["jti"] = Guid.NewGuid().ToString("n"),
        };
        if (posts is not null) claims["posts"] = posts.ToArray();
        var expires = endsBy is { } end && end < now.AddMinutes(5) ? end : now.AddMinutes(5);
        return new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = IssuerUri + "/", Audience = "governance", IssuedAt = now, NotBefore = now, Expires = expires, TokenType = "at+jwt",
            SigningCredentials = await Services.GetRequiredService<SigningKeyStore>().CurrentAsync(TestContext.Current.CancellationToken),
            Claims = claims,
        });
    }

    /// <summary>Gives clients seeded straight into the database their OpenIddict applications, as the bootstrap does at start.</summary>
    public async Task RegisterClientsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Governance.Identity.OAuth.ClientApplications>().EnsureAllAsync(TestContext.Current.CancellationToken);
    }

    public async Task<HttpClient> ClientAsAsync(string org, params string[] roles) => Client(await TokenForAsync(org, roles));

    /// <summary>A real access token for a staff member at home in <paramref name="org"/> holding <paramref name="posts"/>, as the token service writes them.</summary>
    public async Task<string> TokenWithPostsAsync(string subject, string org, params Post[] posts)
    {
        var claims = UserPosts.ClaimsOf(posts);
        return await SignAsync(subject, org, claims.Roles, claims.Posts, claims.EndsBy);
    }
}
