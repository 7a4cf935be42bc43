namespace Governance.VideoAlert.Sip;

/// <summary>The bits of RFC 3261 §25 grammar that the parser checks.</summary>
internal static class SipGrammar
{
    private const string TokenPunctuation = "-.!%*_+`'~";

    public static bool IsToken(string value)
    {
        if (value.Length == 0) return false;
        foreach (var c in value)
            if (!(char.IsAsciiLetterOrDigit(c) || TokenPunctuation.Contains(c))) return false;
        return true;
    }

    /// <summary>Splits ";a=b;c" parameters (after the value) into a case-insensitive map; a flag without '=' maps to "".</summary>
    public static Dictionary<string, string> Parameters(string text)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq < 0) map[part] = "";
            else map[part[..eq].Trim()] = part[(eq + 1)..].Trim().Trim('"');
        }
        return map;
    }
}
