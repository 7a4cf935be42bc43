using System.Text.RegularExpressions;

namespace Governance.Search.Details;

/// <summary>
/// Masks the personal numbers people type into free text (a citizen's phone in an incident's description, an identity
/// number) before it is indexed, as population masks them in every answer: <c>632801********123X</c>, <c>138****5678</c>.
/// The index is read by everyone whose reach covers the record; a number in it would be found by anyone searching for
/// it, which is a look-up of a person that population audits and search cannot.
/// </summary>
internal static partial class PersonalNumbers
{
    public static string Mask(string text) =>
        Mobile().Replace(IdentityNumber().Replace(text, m => m.Value[..6] + new string('*', 8) + m.Value[^4..]), m => m.Value[..3] + "****" + m.Value[^4..]);

    // GB 11643: six digits of division, the birth date, three of sequence and a check digit or X. Digits on either side
    // would make it part of a longer number, so lookarounds, not \b (which counts Chinese characters as word characters).
    [GeneratedRegex(@"(?<!\d)\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dXx])")]
    private static partial Regex IdentityNumber();

    // Mainland mobile numbers: 11 digits from 13 to 19.
    [GeneratedRegex(@"(?<!\d)1[3-9]\d{9}(?!\d)")]
    private static partial Regex Mobile();
}
