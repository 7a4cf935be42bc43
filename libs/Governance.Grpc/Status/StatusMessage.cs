using System.Text;

namespace Governance.Grpc.Status;

/// <summary>
/// The <c>grpc-message</c> encoding of PROTOCOL-HTTP2.md: the message's UTF-8 bytes, with every
/// byte outside printable ASCII (0x20–0x7E) and <c>%</c> itself written as <c>%XX</c>.
/// </summary>
public static class StatusMessage
{
    /// <summary>Percent-encodes <paramref name="message"/> for the <c>grpc-message</c> header.</summary>
    public static string Encode(string message)
    {
        var bytes = Encoding.UTF8.GetBytes(message);
        var text = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%') text.Append((char)b);
            else text.Append('%').Append(b.ToString("X2"));
        }
        return text.ToString();
    }

    /// <summary>Decodes a <c>grpc-message</c>; a malformed escape is kept as written, as the spec asks.</summary>
    public static string Decode(string encoded)
    {
        var bytes = new List<byte>(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] == '%' && i + 2 < encoded.Length
                && byte.TryParse(encoded.AsSpan(i + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out var b))
            {
                bytes.Add(b);
                i += 2;
            }
            else bytes.Add((byte)encoded[i]);
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
