using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Governance.VideoAlert.Sip;

/// <summary>An Authorization / WWW-Authenticate "Digest a=b, c="d"" value (RFC 2617 §3.2), parameters case-insensitive.</summary>
public sealed record DigestHeader(IReadOnlyDictionary<string, string> Parameters)
{
    public string? this[string name] => Parameters.GetValueOrDefault(name);

    public static bool TryParse(string? value, [NotNullWhen(true)] out DigestHeader? header)
    {
        header = null;
        if (value is null) return false;
        value = value.Trim();
        if (!value.StartsWith("Digest", StringComparison.OrdinalIgnoreCase) || value.Length < 7 || !char.IsWhiteSpace(value[6]))
            return false;
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 7;
        while (i < value.Length)
        {
            while (i < value.Length && (value[i] == ',' || char.IsWhiteSpace(value[i]))) i++;
            var eq = value.IndexOf('=', i);
            if (eq < 0) break;
            var name = value[i..eq].Trim();
            i = eq + 1;
            while (i < value.Length && char.IsWhiteSpace(value[i])) i++;
            var text = new StringBuilder();
            if (i < value.Length && value[i] == '"')
            {
                i++;
                while (i < value.Length && value[i] != '"')
                {
                    if (value[i] == '\\' && i + 1 < value.Length) i++;
                    text.Append(value[i++]);
                }
                if (i >= value.Length) return false;
                i++;
            }
            else
            {
                while (i < value.Length && value[i] != ',') text.Append(value[i++]);
            }
            if (name.Length == 0) return false;
            map[name] = text.ToString().Trim();
        }
        header = new DigestHeader(map);
        return true;
    }
}
