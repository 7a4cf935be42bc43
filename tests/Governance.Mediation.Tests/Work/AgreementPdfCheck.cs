using System.Text;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.IO;

namespace Governance.Mediation.Tests.Work;

/// <summary>Reads an agreement PDF back with PdfSharp's parser: pages, the case number, and the Chinese glyphs the text used.</summary>
internal static class AgreementPdfCheck
{
    public static void AssertAgreement(byte[] pdf, string number)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        Assert.True(document.PageCount >= 1);
        Assert.Equal(number, document.Info.Subject);
        var fonts = document.Pages[0].Resources.Elements.GetDictionary("/Font")!;
        var toUnicode = new StringBuilder();
        var baseFonts = new List<string>();
        foreach (var key in fonts.Elements.Keys)
        {
            var font = (PdfDictionary)((PdfReference)fonts.Elements[key]!).Value;
            baseFonts.Add(font.Elements.GetName("/BaseFont"));
            if (font.Elements["/ToUnicode"] is PdfReference { Value: PdfDictionary cmap })
                toUnicode.Append(Encoding.ASCII.GetString(cmap.Stream.UnfilteredValue));
        }
        Assert.Contains(baseFonts, f => f.Contains("WenQuanYi", StringComparison.OrdinalIgnoreCase) || f.Contains("Noto", StringComparison.OrdinalIgnoreCase));
        // The embedded text is glyph ids; the ToUnicode map says which characters they are: 调解协议书, the parties 张三 and 李四.
        var map = toUnicode.ToString().ToUpperInvariant();
        foreach (var ch in "调解协议书张三李四")
            Assert.Contains($"<{(int)ch:X4}>", map);
    }
}
