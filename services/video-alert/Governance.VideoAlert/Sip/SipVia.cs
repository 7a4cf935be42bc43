using System.Diagnostics.CodeAnalysis;

namespace Governance.VideoAlert.Sip;

/// <summary>One Via hop: "SIP/2.0/UDP host:port;branch=z9hG4bK...;rport".</summary>
public sealed record SipVia(string Transport, string SentBy, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>RFC 3261 §8.1.1.7: a branch with this prefix identifies the transaction on its own.</summary>
    public const string MagicCookie = "z9hG4bK";

    public string? Branch => Parameters.GetValueOrDefault("branch");

    public static bool TryParse(string? value, [NotNullWhen(true)] out SipVia? via)
    {
        via = null;
        if (value is null) return false;
        var semi = value.IndexOf(';');
        var head = (semi < 0 ? value : value[..semi]).Trim();
        var space = head.IndexOfAny([' ', '\t']);
        if (space < 0) return false;
        var protocol = head[..space].Split('/', StringSplitOptions.TrimEntries);
        var sentBy = head[space..].Trim();
        if (protocol.Length != 3 || !protocol[0].Equals("SIP", StringComparison.OrdinalIgnoreCase) || protocol[1] != "2.0"
            || sentBy.Length == 0 || sentBy.Contains(' '))
            return false;
        via = new SipVia(protocol[2].ToUpperInvariant(), sentBy,
            semi < 0 ? new Dictionary<string, string>() : SipGrammar.Parameters(value[(semi + 1)..]));
        return true;
    }
}
