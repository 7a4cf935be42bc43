using System.Text.RegularExpressions;

namespace Governance.Grid.Open311;

/// <summary>
/// What Open311's anonymous reads may show of what a citizen typed and where they stood. Anyone
/// can page through <c>GET requests</c>: a phone or ID number typed into a description, or a point
/// precise to the doorstep, would be published to everyone.
/// </summary>
internal static partial class PublicText
{
    /// <summary>What stands where a number was.</summary>
    public const string Redacted = "[号码已隐去 number removed]";

    /// <summary>About 100 m: three decimals of a degree are 111 m of latitude, and less of longitude.</summary>
    private const int PublicDecimals = 3;

    /// <summary>
    /// <paramref name="text"/> without the numbers that identify people: mobile and landline phone
    /// numbers (with +86, spaces or hyphens), resident ID numbers (15 or 18 digits, X last), bank
    /// cards: any run of seven or more digits, however grouped. Shorter numbers (house numbers,
    /// dates in words, counts) stay.
    /// </summary>
    public static string? Redact(string? text) => text is null ? null : LongNumber().Replace(text, Redacted);

    /// <summary>A coordinate rounded to about 100 m.</summary>
    public static double Round(double degrees) => Math.Round(degrees, PublicDecimals, MidpointRounding.AwayFromZero);

    /// <summary>
    /// True when <paramref name="value"/> holds a control character (other than tab and line breaks):
    /// XML 1.0 cannot carry them, so one such report would break <c>requests.xml</c>. (A form decoded
    /// as UTF-8 never holds a lone surrogate: the decoder has replaced it.)
    /// </summary>
    public static bool HasControlCharacters(string value) =>
        value.Any(c => (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) || c is '\uFFFE' or '\uFFFF');

    [GeneratedRegex(@"(?<![0-9０-９])(?:\+?86[\s\-]?)?[0-9０-９](?:[\s\-]?[0-9０-９]){6,}[XxＸｘ]?(?![0-9０-９])")]
    private static partial Regex LongNumber();
}
