using System.Buffers.Binary;

namespace Governance.Mediation.Work;

/// <summary>
/// A font with Chinese glyphs for the agreement PDF, read from its file: WenQuanYi Micro Hei
/// (Debian's fonts-wqy-microhei, installed by scripts/test-servers.sh) or Noto Sans CJK.
/// </summary>
internal static class CjkFont
{

    private static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    ];

    private static readonly Lazy<byte[]> Cache = new(Load);

    /// <summary>The font as one TrueType face.</summary>
    public static byte[] Bytes => Cache.Value;

    private static byte[] Load()
    {
        var path = Candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"No CJK font for the agreement PDF; install fonts-wqy-microhei (looked for {string.Join(", ", Candidates)}).");
        return FirstFaceOf(File.ReadAllBytes(path));
    }

    /// <summary>PDF embeds single fonts only: a TrueType collection (.ttc) gives up its first face as a standalone font.</summary>
    internal static byte[] FirstFaceOf(byte[] file)
    {
        if (file.Length < 16 || file[0] != 't' || file[1] != 't' || file[2] != 'c' || file[3] != 'f') return file;
        var face = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(12));
        var tables = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(face + 4));
        var header = 12 + 16 * tables;
        var records = Enumerable.Range(0, tables).Select(i => face + 12 + 16 * i)
            .Select(r => (Record: r, Offset: (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(r + 8)), Length: (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(r + 12))))
            .ToList();
        using var output = new MemoryStream();
        output.Write(file, face, 12);
        var next = header;
        foreach (var t in records)
        {
            var record = file.AsSpan(t.Record, 16).ToArray();
            BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(8), (uint)next);
            output.Write(record);
            next += (t.Length + 3) & ~3;
        }
        foreach (var t in records)
        {
            output.Write(file, t.Offset, t.Length);
            output.Write(new byte[((t.Length + 3) & ~3) - t.Length]);
        }
        return output.ToArray();
    }
}
