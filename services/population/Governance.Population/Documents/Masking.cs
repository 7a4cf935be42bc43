namespace Governance.Population.Documents;

/// <summary>
/// What a response shows of a number by default: enough to tell two people apart on a screen, not
/// enough to use. An 18-character number keeps its address code and last four (<c>632801********123X</c>),
/// hiding the birth date; a mobile number its network prefix and last four (<c>138****5678</c>).
/// </summary>
public static class Masking
{
    public static string Document(string number) => number.Length switch
    {
        18 => Keep(number, 6, 4),
        15 => Keep(number, 3, 4),
        _ => Keep(number, 1, 2),
    };

    public static string Phone(string phone) => phone.Length >= 9 ? Keep(phone, 3, 4) : Keep(phone, 0, 2);

    /// <summary>A residence permit number: its last four only.</summary>
    public static string Permit(string number) => Keep(number, 0, Math.Min(4, number.Length / 2));

    private static string Keep(string s, int head, int tail) =>
        string.Concat(s.AsSpan(0, head), new string('*', s.Length - head - tail), s.AsSpan(s.Length - tail));
}
