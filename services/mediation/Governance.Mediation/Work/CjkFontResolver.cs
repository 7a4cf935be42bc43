using PdfSharp.Fonts;

namespace Governance.Mediation.Work;

/// <summary>
/// Gives PdfSharp a font that has Chinese glyphs, read from its file: WenQuanYi Micro Hei (Debian's
/// fonts-wqy-microhei, installed by scripts/test-servers.sh) or Noto Sans CJK. Every family the
/// agreement asks for resolves to it; PdfSharp embeds the glyphs used.
/// </summary>
internal sealed class CjkFontResolver : IFontResolver
{
    public const string Family = "AgreementCjk";

    private static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    ];

    private static readonly Lazy<byte[]> Bytes = new(Load);
    private static readonly Lock Gate = new();

    /// <summary>Installs the resolver once per process (PdfSharp's setting is global and may not change after first use).</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not CjkFontResolver) GlobalFontSettings.FontResolver = new CjkFontResolver();
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(Family, mustSimulateBold: bold, mustSimulateItalic: italic);

    public byte[] GetFont(string faceName) => Bytes.Value;

    private static byte[] Load()
    {
        var path = Candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"No CJK font for the agreement PDF; install fonts-wqy-microhei (looked for {string.Join(", ", Candidates)}).");
        return File.ReadAllBytes(path);
    }
}
