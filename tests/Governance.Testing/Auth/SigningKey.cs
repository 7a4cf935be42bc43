using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Governance.Testing.Auth;

/// <summary>A key pair made in the test: the private half signs tokens, the public half is published as a JWK.</summary>
public sealed record SigningKey(string Kid, SecurityKey Key, string Algorithm, IReadOnlyDictionary<string, string> Jwk)
{
    public static SigningKey Rsa(string kid)
    {
        var rsa = RSA.Create(2048);
        var p = rsa.ExportParameters(includePrivateParameters: false);
        return new(kid, new RsaSecurityKey(rsa) { KeyId = kid }, SecurityAlgorithms.RsaSha256, new Dictionary<string, string>
        {
            ["kty"] = "RSA", ["use"] = "sig", ["kid"] = kid,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus!), ["e"] = Base64UrlEncoder.Encode(p.Exponent!),
        });
    }

    public static SigningKey Ec(string kid)
    {
        var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = ec.ExportParameters(includePrivateParameters: false);
        return new(kid, new ECDsaSecurityKey(ec) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256, new Dictionary<string, string>
        {
            ["kty"] = "EC", ["use"] = "sig", ["kid"] = kid, ["crv"] = "P-256",
            ["x"] = Base64UrlEncoder.Encode(p.Q.X!), ["y"] = Base64UrlEncoder.Encode(p.Q.Y!),
        });
    }

    /// <summary>The same key under another kid: cheap unknown kids for a burst, without making RSA keys.</summary>
    public SigningKey WithKid(string kid) => this with
    {
        Kid = kid,
        Key = Key switch
        {
            RsaSecurityKey r => new RsaSecurityKey(r.Rsa) { KeyId = kid },
            ECDsaSecurityKey e => new ECDsaSecurityKey(e.ECDsa) { KeyId = kid },
            _ => throw new NotSupportedException(),
        },
    };

    /// <summary>The public key as anyone can download it (DER SubjectPublicKeyInfo): the secret of an algorithm-confusion attack.</summary>
    public byte[] PublicKeyBytes() => Key switch
    {
        RsaSecurityKey r => r.Rsa.ExportSubjectPublicKeyInfo(),
        ECDsaSecurityKey e => e.ECDsa.ExportSubjectPublicKeyInfo(),
        _ => throw new NotSupportedException(),
    };
}
