using System.Globalization;

namespace Governance.Population.Documents;

/// <summary>
/// The 18-character number of GB 11643-1999: address code (6) + birth date YYYYMMDD (8) + sequence (3,
/// odd for men) + check character. The check is ISO 7064 MOD 11-2 over the first 17 digits (weights
/// 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; sum mod 11 indexes <c>10X98765432</c>). The residence permits of
/// Hong Kong, Macao and Taiwan residents and the 2023 foreign permanent resident card use the same form.
/// </summary>
public static class Gb11643
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>The check character of the first 17 digits of <paramref name="body"/>.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> body)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (body[i] - '0') * Weights[i];
        return CheckCharacters[sum % 11];
    }

    /// <summary>True when <paramref name="number"/> is 17 digits and the check character that belongs to them (X upper case).</summary>
    public static bool HasValidCheck(ReadOnlySpan<char> number) =>
        number.Length == 18 && DivisionCodes.IsDigits(number[..17]) && (char.IsAsciiDigit(number[17]) || number[17] == 'X')
        && CheckCharacter(number) == number[17];

    /// <summary>The birth date in characters 7 to 14, when it is a real date.</summary>
    public static DateOnly? BirthDate(ReadOnlySpan<char> number) =>
        DateOnly.TryParseExact(number.Slice(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>The sex the 17th digit states.</summary>
    public static Sex SexOf(ReadOnlySpan<char> number) => (number[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female;
}
