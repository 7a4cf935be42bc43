using System.Diagnostics.CodeAnalysis;

namespace Governance.VideoAlert.Sip;

/// <summary>A CSeq header: sequence number (32-bit unsigned, RFC 3261 §8.1.1.5) and method.</summary>
public sealed record SipCSeq(uint Number, string Method)
{
    public static bool TryParse(string? value, [NotNullWhen(true)] out SipCSeq? cseq)
    {
        cseq = null;
        if (value is null) return false;
        var parts = value.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !uint.TryParse(parts[0], out var number) || !SipGrammar.IsToken(parts[1])) return false;
        cseq = new SipCSeq(number, parts[1]);
        return true;
    }

    public override string ToString() => $"{Number} {Method}";
}
