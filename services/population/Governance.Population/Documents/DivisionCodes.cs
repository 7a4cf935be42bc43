namespace Governance.Population.Documents;

/// <summary>
/// The province-level prefixes of GB/T 2260 that a number can carry. The full code list is revised
/// every year and is data, not a constant (DOMAIN.md): a number is checked for a real province and a
/// six-digit form, not for a county that exists this year (people keep the number of a county long gone).
/// </summary>
public static class DivisionCodes
{
    /// <summary>The 31 mainland provinces, autonomous regions and municipalities.</summary>
    public static readonly IReadOnlySet<string> MainlandProvinces = new HashSet<string>(StringComparer.Ordinal)
    {
        "11", "12", "13", "14", "15",
        "21", "22", "23",
        "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46",
        "50", "51", "52", "53", "54",
        "61", "62", "63", "64", "65",
    };

    /// <summary>The address codes of residence permits for residents of Hong Kong, Macao and Taiwan.</summary>
    public static readonly IReadOnlySet<string> ResidencePermitCodes = new HashSet<string>(StringComparer.Ordinal) { "810000", "820000", "830000" };

    /// <summary>True when <paramref name="code"/> is six digits under a mainland province.</summary>
    public static bool IsPlausibleMainland(ReadOnlySpan<char> code) =>
        code.Length == 6 && IsDigits(code) && MainlandProvinces.Contains(code[..2].ToString());

    internal static bool IsDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s) if (!char.IsAsciiDigit(c)) return false;
        return true;
    }
}
