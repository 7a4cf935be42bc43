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
    /// <summary>Null when <paramref name="code"/> is right for <paramref name="level"/> under <paramref name="parent"/>; otherwise why not.</summary>
    public static string? Check(string? code, OrgLevel level, OrgNode? parent)
    {
        if (string.IsNullOrEmpty(code)) return "The code is required.";
        if (!code.All(char.IsAsciiDigit)) return $"The code '{code}' must be digits only.";
        return level switch
        {
            OrgLevel.Province => Division(code) ?? (code[2..] == "0000" && code[..2] != "00" ? null
                : $"The province code '{code}' must be 2 digits followed by 0000, e.g. 630000."),
            OrgLevel.Prefecture => Division(code) ?? (code[4..] == "00" && code[2..4] != "00" ? SharesPrefix(code, parent, 2)
                : $"The prefecture code '{code}' must end in 00 but not 0000, e.g. 632800."),
            OrgLevel.County => Division(code) ?? (code[4..] != "00" ? SharesPrefix(code, parent, 4)
                : $"The county code '{code}' must not end in 00, e.g. 632801."),
            OrgLevel.Street => Local(code, "street/township", 599),
            OrgLevel.Community => Local(code, "community/village", 599),
            OrgLevel.Grid => Local(code, "grid", 999),
            _ => $"Unknown level {level}.",
        };
    }

    private static string? Division(string code) =>
        code.Length == 6 ? null : $"The division code '{code}' must have 6 digits (GB/T 2260).";

    // A division code repeats its parent's: 632801 lies in 632800, which lies in 630000.
    private static string? SharesPrefix(string code, OrgNode? parent, int digits) =>
        parent is null || parent.Code[..digits] == code[..digits] ? null
            : $"The code '{code}' does not lie in its parent {parent.Code}: its first {digits} digits must be {parent.Code[..digits]}.";

    private static string? Local(string code, string what, int max) =>
        code.Length == 3 && int.Parse(code) is var n && n >= 1 && n <= max ? null
            : $"The {what} code '{code}' must have 3 digits, from 001 to {max:D3}.";
}
