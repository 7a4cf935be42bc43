using UglyToad.PdfPig;

namespace Governance.Mediation.Tests.Work;

/// <summary>Reads an agreement PDF back with PdfPig's parser: a page, the case number, and the Chinese text as text.</summary>
internal static class AgreementPdfCheck
{
    public static void AssertAgreement(byte[] pdf, string number)
    {
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        using var document = PdfDocument.Open(pdf);
        Assert.True(document.NumberOfPages >= 1);
        Assert.Equal(number, document.Information.Subject);
        var text = string.Concat(document.GetPages().Select(p => p.Text));
        foreach (var expected in new[] { "人民调解协议书", "张三", "李四", number })
            Assert.Contains(expected, text);
    }
}
