using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Governance.Grpc.Tests.Support;

/// <summary>
/// A minimal stand-in identity service (OIDC discovery and a one-key JWKS on loopback) and the
/// tokens it signs. Smaller than ServiceDefaults.Tests' issuer: these tests need a valid token, not key rotation.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    public const string Audience = "governance";
    private const string Kid = "grpc-tests-1";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = Kid };

    private TestIssuer(WebApplication app) => _app = app;

    public string Issuer { get; private set; } = "";

    public Dictionary<string, string?> Settings() => new() { ["Auth:Issuer"] = Issuer, ["Auth:Audience"] = Audience };

    /// <summary>A token for <paramref name="subject"/>, valid for an hour.</summary>
    public string Token(string subject = "u-1042") => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = Audience,
        Expires = DateTime.UtcNow.AddHours(1),
        Claims = new Dictionary<string, object> { ["sub"] = subject, ["org"] = "632801/632801001", ["roles"] = new[] { "mediator" } },
        SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
    });

    public static async Task<TestIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var issuer = new TestIssuer(app);
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, string>
        {
            ["issuer"] = issuer.Issuer,
            ["jwks_uri"] = issuer.Issuer + "/.well-known/jwks.json",
        }));
        app.MapGet("/.well-known/jwks.json", () =>
        {
            var p = issuer._key.Rsa.ExportParameters(includePrivateParameters: false);
            var jwk = new Dictionary<string, string>
            {
                ["kty"] = "RSA", ["use"] = "sig", ["kid"] = Kid,
                ["n"] = Base64UrlEncoder.Encode(p.Modulus!), ["e"] = Base64UrlEncoder.Encode(p.Exponent!),
            };
            return Results.Text(JsonSerializer.Serialize(new { keys = new[] { jwk } }), "application/json");
        });
        await app.StartAsync();
        issuer.Issuer = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return issuer;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
