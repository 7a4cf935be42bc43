using System.Text.RegularExpressions;
using Governance.ServiceDefaults.Problems;

namespace Governance.Population.Documents;

/// <summary>Phone numbers as stored and compared: spaces and hyphens removed; a mainland mobile, a landline with its area code, or E.164.</summary>
public static partial class PhoneNumbers
{
    /// <exception cref="DomainException">400 naming <paramref name="field"/>.</exception>
    public static string Parse(string raw, string field = "phone")
    {
        var phone = string.Concat(raw.Where(c => !char.IsWhiteSpace(c) && c != '-'));
        return Mobile().IsMatch(phone) || Landline().IsMatch(phone) || International().IsMatch(phone)
            ? phone
            : throw DomainException.Invalid(field, "Give a mainland mobile number (11 digits), a landline with its area code, or an international number starting with +.");
    }

    [GeneratedRegex("^1[3-9][0-9]{9}$")]
    private static partial Regex Mobile();

    [GeneratedRegex("^0[1-9][0-9]{8,10}$")]
    private static partial Regex Landline();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex International();
}
