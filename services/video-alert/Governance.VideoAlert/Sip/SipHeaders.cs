namespace Governance.VideoAlert.Sip;

/// <summary>
/// A message's headers in arrival order. Names compare case-insensitively and the compact forms of RFC 3261 §7.3.3
/// (v, f, t, i, l, c, m, ...) are stored under their full names, so callers ask for "Via" whatever the peer wrote.
/// </summary>
public sealed class SipHeaders
{
    private static readonly Dictionary<string, string> CompactForms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["v"] = "Via", ["f"] = "From", ["t"] = "To", ["i"] = "Call-ID", ["l"] = "Content-Length",
        ["c"] = "Content-Type", ["m"] = "Contact", ["e"] = "Content-Encoding", ["k"] = "Supported", ["s"] = "Subject",
    };

    private static readonly HashSet<string> CommaLists = new(StringComparer.OrdinalIgnoreCase) { "Via" };

    private readonly List<KeyValuePair<string, string>> _items = [];

    public int Count => _items.Count;

    public IReadOnlyList<KeyValuePair<string, string>> All => _items;

    public static string FullName(string name) => CompactForms.TryGetValue(name, out var full) ? full : name;

    public void Add(string name, string value) => _items.Add(new(FullName(name), value));

    /// <summary>Replaces every header of that name with one value.</summary>
    public void Set(string name, string value)
    {
        Remove(name);
        Add(name, value);
    }

    /// <summary>Replaces the first header of that name where it stands (the top Via keeps its place).</summary>
    public void ReplaceFirst(string name, string value)
    {
        var full = FullName(name);
        var i = _items.FindIndex(h => string.Equals(h.Key, full, StringComparison.OrdinalIgnoreCase));
        if (i < 0) Add(name, value);
        else _items[i] = new(full, value);
    }

    public void Remove(string name)
    {
        var full = FullName(name);
        _items.RemoveAll(h => string.Equals(h.Key, full, StringComparison.OrdinalIgnoreCase));
    }

    public bool Contains(string name) => Get(name) is not null;

    /// <summary>The first value of the header, or null.</summary>
    public string? Get(string name)
    {
        var full = FullName(name);
        foreach (var h in _items)
            if (string.Equals(h.Key, full, StringComparison.OrdinalIgnoreCase)) return h.Value;
        return null;
    }

    /// <summary>
    /// Every value of the header in order; Via values written comma-separated on one line count as several, since a
    /// response must copy each hop (RFC 3261 §7.3.1).
    /// </summary>
    public IReadOnlyList<string> GetAll(string name)
    {
        var full = FullName(name);
        var values = new List<string>();
        foreach (var h in _items)
        {
            if (!string.Equals(h.Key, full, StringComparison.OrdinalIgnoreCase)) continue;
            if (CommaLists.Contains(full)) values.AddRange(SplitList(h.Value));
            else values.Add(h.Value);
        }
        return values;
    }

    private static IEnumerable<string> SplitList(string value)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '"') quoted = !quoted;
            else if (value[i] == ',' && !quoted)
            {
                var part = value[start..i].Trim();
                if (part.Length > 0) yield return part;
                start = i + 1;
            }
        }
        var last = value[start..].Trim();
        if (last.Length > 0) yield return last;
    }
}
