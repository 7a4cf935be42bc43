using System.Security.Cryptography;
using Governance.ServiceDefaults.Security;
using Governance.Identity.Users;
using Microsoft.Extensions.Options;

namespace Governance.Identity.SignIn;

/// <summary>A fresh TOTP secret, shown once: base32 for typing, otpauth:// for a QR code.</summary>
public sealed record TotpEnrolled(string Secret, string OtpAuthUri);

/// <summary>
/// Gives a user a new TOTP secret (replacing any old one: the old authenticator stops working).
/// The secret is stored encrypted (purpose <c>totp:{userId}</c>); the caller saves the user and
/// writes the <c>user.totp-enrolled</c> audit line in the same unit of work.
/// </summary>
public sealed class TotpEnrollment(SecretProtector protector, IOptions<SignInOptions> options)
{
    public TotpEnrolled Enroll(User user) => Enroll(user, NewSecret());

    /// <summary>A fresh secret, not yet anyone's: the sign-in page shows it and stores it once a code from it is right.</summary>
    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(Totp.SecretBytes);

    /// <summary>Stores <paramref name="secret"/> as the user's (encrypted) and describes it.</summary>
    public TotpEnrolled Enroll(User user, byte[] secret)
    {
        user.TotpSecret = protector.Protect(secret, Purpose(user.Id));
        user.TotpLastStep = null;
        return Describe(user.UserName, secret);
    }

    /// <summary>The secret as an authenticator app takes it: base32, and the otpauth:// URI a QR code carries.</summary>
    public TotpEnrolled Describe(string userName, byte[] secret)
    {
        var encoded = Base32.Encode(secret);
        var issuer = Uri.EscapeDataString(options.Value.TotpIssuer);
        var label = issuer + ":" + Uri.EscapeDataString(userName);
        // Key URI format (Google Authenticator's, which every app reads): SHA1, 6 digits, 30 s are the defaults, stated anyway.
        var uri = $"otpauth://totp/{label}?secret={encoded}&issuer={issuer}&algorithm=SHA1&digits={Totp.Digits}&period={(int)Totp.Step.TotalSeconds}";
        return new TotpEnrolled(encoded, uri);
    }

    /// <summary>The user's plain secret, or null when not enrolled.</summary>
    internal byte[]? SecretOf(User user) => user.TotpSecret is null ? null : protector.Unprotect(user.TotpSecret, Purpose(user.Id));

    private static string Purpose(Guid userId) => "totp:" + userId;
}
