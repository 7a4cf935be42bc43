using System.IO.Compression;

namespace Governance.Grpc.Framing;

/// <summary>The message encodings (<c>grpc-encoding</c>) this server reads: identity and gzip.</summary>
public static class MessageEncodings
{
    /// <summary>The value of <c>grpc-accept-encoding</c> this server sends.</summary>
    public const string Accepted = "identity,gzip";

    /// <summary>True for an encoding this server can read.</summary>
    public static bool IsSupported(string? encoding) => encoding is null or "identity" or "gzip";

    /// <summary>
    /// Inflates a gzip message, refusing output above <paramref name="maxBytes"/>: the prefix only
    /// bounds the compressed size, and a small bomb could inflate to gigabytes.
    /// </summary>
    internal static byte[]? Gunzip(ReadOnlySpan<byte> compressed, int maxBytes)
    {
        using var input = new MemoryStream(compressed.ToArray());
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = gzip.Read(buffer)) > 0)
        {
            if (output.Length + read > maxBytes) return null;
            output.Write(buffer, 0, read);
        }
        return output.ToArray();
    }
}
