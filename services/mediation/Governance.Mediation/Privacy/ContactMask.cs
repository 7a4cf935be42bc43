using System.Globalization;

namespace Governance.Mediation.Privacy;

/// <summary>
/// A contact as ordinary reads show it: enough to tell two apart and to recognise one read out over
/// the phone, not enough to call. A mobile number keeps its first 3 and last 4 digits
/// (<c>138****5678</c>); a shorter contact keeps its last 2 characters; one of under 6 none. The
/// stars are always four, so the mask does not tell the length either.
/// </summary>
public static class ContactMask
{
    public static string Mask(string contact)
    {
        var text = new StringInfo(contact.Trim());
        var n = text.LengthInTextElements;
        return n switch
        {
            >= 11 => text.SubstringByTextElements(0, 3) + "****" + text.SubstringByTextElements(n - 4, 4),
            >= 6 => "****" + text.SubstringByTextElements(n - 2, 2),
            _ => "****",
        };
    }
}
