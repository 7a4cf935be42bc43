using Governance.ServiceDefaults.Problems;

namespace Governance.Identity.Org;

/// <summary>
/// The code rules of each level (DOMAIN.md). Province, prefecture and county carry 6-digit
/// administrative division codes (GB/T 2260): 110000, 110100, 110101. Below the county each level
/// adds 3 digits: street/township (GB/T 10114: 001–099 street offices, 100–199 towns, 200–399
/// townships, 400–599 other county-level areas), community/village (001–199 residents' committees,
/// 200–399 village committees, 400–599 other), grid (001–999).
/// </summary>
public static class OrgCodes
{
    /// <summary>
    /// Null when <paramref name="code"/> is right for <paramref name="level"/> under <paramref name="parent"/>;
    /// otherwise the refusal naming <paramref name="field"/> (a refusal rather than a text, so that each
    /// reason stays a template with its Chinese: ADR 0012).
    /// </summary>
    public static DomainException? Check(string? code, OrgLevel level, OrgNode? parent, string field = "code")
    {
        if (string.IsNullOrEmpty(code)) return DomainException.Invalid(field, "The code is required.");
        if (!code.All(char.IsAsciiDigit)) return DomainException.Invalid(field, $"The code '{code}' must be digits only.");
        return level switch
        {
            OrgLevel.Province => Division(code, field) ?? (code[2..] == "0000" && code[..2] != "00" ? null
                : DomainException.Invalid(field, $"The province code '{code}' must be 2 digits followed by 0000, e.g. 630000.")),
            OrgLevel.Prefecture => Division(code, field) ?? (code[4..] == "00" && code[2..4] != "00" ? SharesPrefix(code, parent, 2, field)
                : DomainException.Invalid(field, $"The prefecture code '{code}' must end in 00 but not 0000, e.g. 632800.")),
            OrgLevel.County => Division(code, field) ?? (code[4..] != "00" ? SharesPrefix(code, parent, 4, field)
                : DomainException.Invalid(field, $"The county code '{code}' must not end in 00, e.g. 632801.")),
            OrgLevel.Street => Local(code, 599) ? null : DomainException.Invalid(field, $"The street/township code '{code}' must have 3 digits, from 001 to 599."),
            OrgLevel.Community => Local(code, 599) ? null : DomainException.Invalid(field, $"The community/village code '{code}' must have 3 digits, from 001 to 599."),
            OrgLevel.Grid => Local(code, 999) ? null : DomainException.Invalid(field, $"The grid code '{code}' must have 3 digits, from 001 to 999."),
            _ => DomainException.Invalid(field, $"Unknown level {level}."),
        };
    }

    private static DomainException? Division(string code, string field) =>
        code.Length == 6 ? null : DomainException.Invalid(field, $"The division code '{code}' must have 6 digits (GB/T 2260).");

    // A division code repeats its parent's: 632801 lies in 632800, which lies in 630000.
    private static DomainException? SharesPrefix(string code, OrgNode? parent, int digits, string field) =>
        parent is null || parent.Code[..digits] == code[..digits] ? null
            : DomainException.Invalid(field, $"The code '{code}' does not lie in its parent {parent.Code}: its first {digits} digits must be {parent.Code[..digits]}.");

    private static bool Local(string code, int max) => code.Length == 3 && int.Parse(code) is var n && n >= 1 && n <= max;
}
