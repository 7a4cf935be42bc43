using System.Diagnostics.CodeAnalysis;

namespace Governance.VideoAlert.Sip;

/// <summary>
/// A From/To/Contact value: optional display name, a sip: URI in angle brackets or bare, header parameters (tag,
/// expires). GB/T 28181 puts the device id in the URI's user part and the domain in its host.
/// </summary>
public sealed record SipAddress(string Uri, string? User, string Host, IReadOnlyDictionary<string, string> Parameters)
{
    public string? Tag => Parameters.GetValueOrDefault("tag");

    public static bool TryParse(string? value, [NotNullWhen(true)] out SipAddress? address)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(value)) return false;
        string uri;
        string rest;
        var lt = value.IndexOf('<');
        if (lt >= 0)
        {
            var gt = value.IndexOf('>', lt);
            if (gt < 0) return false;
            uri = value[(lt + 1)..gt].Trim();
            rest = value[(gt + 1)..];
        }
        else
        {
            // Bare addr-spec: its own ';' parameters belong to the header (RFC 3261 §20.10).
            var semi = value.IndexOf(';');
            uri = (semi < 0 ? value : value[..semi]).Trim();
            rest = semi < 0 ? "" : value[semi..];
        }
        var colon = uri.IndexOf(':');
        if (colon < 0) return false;
        var scheme = uri[..colon];
        if (!scheme.Equals("sip", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("sips", StringComparison.OrdinalIgnoreCase))
            return false;
        var afterScheme = uri[(colon + 1)..];
        var uriParams = afterScheme.IndexOfAny([';', '?']);
        var userHost = uriParams < 0 ? afterScheme : afterScheme[..uriParams];
        var at = userHost.IndexOf('@');
        var user = at < 0 ? null : userHost[..at];
        if (user is not null && user.IndexOf(':') is var pw and >= 0) user = user[..pw];
        var host = at < 0 ? userHost : userHost[(at + 1)..];
        if (host.Length == 0) return false;
        address = new SipAddress(uri, user, host, SipGrammar.Parameters(rest));
        return true;
    }
}
