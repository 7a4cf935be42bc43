using Microsoft.IdentityModel.Tokens;

namespace Governance.ServiceDefaults.Auth;

/// <summary>
/// Why a token was refused, in words fit for an RFC 6750 <c>error_description</c>: fixed ASCII
/// sentences, never the library's message, which could quote parts of the token.
/// </summary>
internal static class TokenRefusal
{
    public const string Malformed = "The token is malformed.";
    public const string NoIssuer = "This service has no token issuer configured.";
    public const string NoSubject = "The token has no subject.";
    public const string BadOrg = "The token's org claim is not an org path.";
    public const string BadPosts = "The token's posts claim holds a value that is not role@org with an optional ;until=<seconds>.";
    public const string BadAlgorithm = "The token's signing algorithm is not allowed.";

    /// <summary>The refusal JwtBearer's failure stands for: the failure every later reader sees.</summary>
    public static TokenRefusedException From(Exception? failure) => failure as TokenRefusedException ?? new(Describe(failure), failure);

    private static string Describe(Exception? failure) => failure switch
    {
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenNoExpirationException => "The token has no expiry.",
        SecurityTokenInvalidIssuerException => "The token was not issued by the trusted issuer.",
        SecurityTokenInvalidAudienceException => "The token is not meant for this service.",
        SecurityTokenInvalidAlgorithmException => BadAlgorithm,
        // Before the signature case: key-not-found derives from invalid-signature.
        SecurityTokenSignatureKeyNotFoundException => "The token is signed with a key the issuer does not publish.",
        SecurityTokenInvalidSignatureException => "The token's signature is invalid.",
        SecurityTokenMalformedException => Malformed,
        _ => "The token is invalid.",
    };
}

/// <summary>A refused token, carrying only a <see cref="TokenRefusal"/> sentence as its message.</summary>
internal sealed class TokenRefusedException(string refusal, Exception? cause = null) : Exception(refusal, cause);
