using Governance.ServiceDefaults.Problems;

namespace Governance.Identity.Users;

/// <summary>
/// What a password must be: at least <see cref="MinLength"/> characters, from at least three of
/// the four classes (lower case, upper case, digits, other), and not the user name or containing it.
/// Length matters more than classes (NIST SP 800-63B); the classes keep out "aaaaaaaaaa". A
/// passphrase of <see cref="PassphraseLength"/> characters or more in three words or more needs no
/// classes: "correct horse battery" is stronger than "Passw0rd!!" and easier to remember.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 10;
    public const int MaxLength = 128;
    public const int MinClasses = 3;
    public const int PassphraseLength = 16;

    /// <summary>
    /// The refusal (400, naming <paramref name="field"/>) of <paramref name="password"/> for
    /// <paramref name="userName"/>, or null when it is acceptable. A refusal rather than a text, so
    /// that each reason stays a template with its Chinese (ADR 0012).
    /// </summary>
    public static DomainException? Check(string? password, string? userName, string field = "password")
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength)
            return DomainException.Invalid(field, $"The password must have at least {MinLength} characters.");
        // PBKDF2 over a huge input is a cheap way to burn the server's CPU.
        if (password.Length > MaxLength) return DomainException.Invalid(field, $"The password must have at most {MaxLength} characters.");
        var classes = (password.Any(char.IsLower) ? 1 : 0) + (password.Any(char.IsUpper) ? 1 : 0)
            + (password.Any(char.IsDigit) ? 1 : 0) + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
        var passphrase = password.Length >= PassphraseLength && password.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3;
        if (classes < MinClasses && !passphrase)
            return DomainException.Invalid(field, $"The password must mix at least three of: lower-case letters, upper-case letters, digits, other characters"
                + $" (or be a passphrase of {PassphraseLength} characters or more in three words or more).");
        if (!string.IsNullOrWhiteSpace(userName) && password.Contains(userName.Trim(), StringComparison.OrdinalIgnoreCase))
            return DomainException.Invalid(field, "The password must not contain the user name.");
        return null;
    }

    /// <summary>Throws <see cref="DomainException"/> (400, naming <paramref name="field"/>) unless acceptable.</summary>
    public static void Ensure(string? password, string? userName, string field = "password")
    {
        if (Check(password, userName, field) is { } refusal) throw refusal;
    }
}
