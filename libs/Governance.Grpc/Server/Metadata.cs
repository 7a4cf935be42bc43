using System.Collections;

namespace Governance.Grpc.Server;

/// <summary>
/// gRPC metadata: ordered key/value pairs with lower-case keys. Keys ending in <c>-bin</c> carry
/// bytes (base64 on the wire); all others carry ASCII text.
/// </summary>
public sealed class Metadata : IEnumerable<Metadata.Entry>
{
    /// <summary>The suffix that marks a binary key.</summary>
    public const string BinarySuffix = "-bin";

    private readonly List<Entry> _entries = [];

    /// <summary>One key and its value: <see cref="Value"/> for text keys, <see cref="ValueBytes"/> for <c>-bin</c> keys.</summary>
    public sealed record Entry(string Key, string? Value, byte[]? ValueBytes)
    {
        /// <summary>True for a <c>-bin</c> key.</summary>
        public bool IsBinary => ValueBytes is not null;
    }

    /// <summary>The number of entries.</summary>
    public int Count => _entries.Count;

    /// <summary>Adds a text entry; the key must not end in <c>-bin</c>.</summary>
    public void Add(string key, string value)
    {
        key = Normalize(key);
        if (key.EndsWith(BinarySuffix, StringComparison.Ordinal))
            throw new ArgumentException($"The key '{key}' ends in -bin and needs a byte[] value.", nameof(key));
        _entries.Add(new Entry(key, value, null));
    }

    /// <summary>Adds a binary entry; the key must end in <c>-bin</c>.</summary>
    public void Add(string key, byte[] value)
    {
        key = Normalize(key);
        if (!key.EndsWith(BinarySuffix, StringComparison.Ordinal))
            throw new ArgumentException($"The key '{key}' must end in -bin to carry bytes.", nameof(key));
        _entries.Add(new Entry(key, null, value));
    }

    /// <summary>The last text value of <paramref name="key"/>, or null.</summary>
    public string? GetValue(string key) => _entries.LastOrDefault(e => e.Key == Normalize(key))?.Value;

    /// <summary>The last binary value of <paramref name="key"/>, or null.</summary>
    public byte[]? GetValueBytes(string key) => _entries.LastOrDefault(e => e.Key == Normalize(key))?.ValueBytes;

    /// <inheritdoc />
    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static string Normalize(string key) => key.ToLowerInvariant();
}
