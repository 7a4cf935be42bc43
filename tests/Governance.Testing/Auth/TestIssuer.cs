using System.Net;
using System.Text.Json;
using Governance.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Testing.Auth;

/// <summary>
/// A stand-in identity service: a real Kestrel on loopback serving OIDC discovery and a JWKS whose
/// keys a test can change while the host under test runs. It counts the JWKS fetches it answers.
/// Hosts accept ES256 only: <see cref="Ec"/> signs the tokens they accept; <see cref="Rsa"/> is
/// published too, so that an RS256 token signed with a published key shows the algorithm refused.
/// Hosts trust it through <see cref="Settings"/>; <see cref="Token"/> is the plain valid token most tests need.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    public const string Audience = "governance";

    private readonly WebApplication _app;
    private IReadOnlyList<SigningKey> _published;
    private int _jwksFetches;

    private TestIssuer(WebApplication app, SigningKey rsa, SigningKey ec)
    {
        _app = app;
        Rsa = rsa;
        Ec = ec;
        _published = [rsa, ec];
    }

    public string Issuer { get; private set; } = "";
    public SigningKey Rsa { get; }
    public SigningKey Ec { get; }
    public int JwksFetches => Volatile.Read(ref _jwksFetches);

    /// <summary>When set, the JWKS endpoint answers 500 (counted all the same).</summary>
    public bool Failing { get; set; }

    public TokenMint Tokens => new(Issuer, Audience);

    /// <summary>The settings that make a host trust this issuer.</summary>
    public Dictionary<string, string?> Settings() => new() { ["Auth:Issuer"] = Issuer, ["Auth:Audience"] = Audience };

    /// <summary>A token for <paramref name="subject"/>, mediator in <see cref="TokenMint.Org"/>, signed with <see cref="Ec"/>, valid for an hour.</summary>
    public string Token(string subject = "u-1042") => Tokens.Create(Ec, d => d.Claims["sub"] = subject);

    public void Publish(params SigningKey[] keys) => Volatile.Write(ref _published, keys);

    /// <summary>The role → permission map served at <c>/.well-known/governance-roles</c>, as the identity service serves it.</summary>
    public Dictionary<string, string[]> Roles { get; set; } = new();

    /// <summary>A token for a staff member at <paramref name="org"/> with <paramref name="roles"/> (and a department, if any), signed with <see cref="Ec"/>.</summary>
    public string TokenFor(string subject, string org, string[] roles, string? department = null) =>
        Tokens.Create(Ec, d =>
        {
            d.Claims["sub"] = subject;
            d.Claims["org"] = org;
            d.Claims["roles"] = roles;
            if (department is not null) d.Claims["dept"] = department;
        });

    /// <summary>
    /// A token as identity issues it to a person with several posts: home org <paramref name="org"/>,
    /// <c>posts</c> (each with its end, if any) and <c>roles</c> their union, signed with <see cref="Ec"/>.
    /// Valid for <paramref name="lifetime"/> (an hour by default) in real time: tests that move a
    /// <see cref="TestClock"/> far ahead give a longer one, so that only the posts' ends are under test.
    /// </summary>
    public string TokenWithPosts(string subject, string org, IReadOnlyList<Post> posts, TimeSpan? lifetime = null) =>
        Tokens.Create(Ec, d =>
        {
            d.Claims["sub"] = subject;
            d.Claims["org"] = org;
            d.Claims["roles"] = posts.Select(p => p.Role).Distinct().ToArray();
            d.Claims["posts"] = posts.Select(p => p.ToClaimValue()).ToArray();
            if (lifetime is { } l) d.Expires = d.IssuedAt!.Value + l;
        });

    public static async Task<TestIssuer> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var issuer = new TestIssuer(app, SigningKey.Rsa("rsa-1"), SigningKey.Ec("ec-1"));
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, string>
        {
            ["issuer"] = issuer.Issuer,
            ["jwks_uri"] = issuer.Issuer + "/.well-known/jwks.json",
        }));
        app.MapGet("/.well-known/jwks.json", () =>
        {
            Interlocked.Increment(ref issuer._jwksFetches);
            if (issuer.Failing) return Results.StatusCode(StatusCodes.Status500InternalServerError);
            var keys = Volatile.Read(ref issuer._published).Select(k => k.Jwk);
            return Results.Text(JsonSerializer.Serialize(new { keys }), "application/json");
        });
        app.MapGet("/.well-known/governance-roles", () => Results.Json(new { roles = issuer.Roles }));
        await app.StartAsync(cancellationToken);
        issuer.Issuer = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return issuer;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
