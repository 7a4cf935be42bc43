using Governance.Mediation.Cases;
using Governance.Mediation.Work;

namespace Governance.Mediation.Tests.Work;

public sealed class AgreementPdfTests
{
    [Fact]
    public void Long_terms_with_many_distinct_characters_wrap_over_pages_and_read_back_as_text()
    {
        // 1,000 distinct CJK characters: more than a simple font's 256 codes could hold.
        var terms = new string(Enumerable.Range(0x4E00, 1000).Select(i => (char)i).ToArray());
        var c = new DisputeCase
        {
            Number = "TJ20261123-000001", Name = "宅基地边界纠纷", Place = "金峰社区", OrgPath = "632801/001/002", Summary = "x",
            ResponsibleOrgPath = "632801/001/002",
            Parties = [new Party { Role = "applicant", Name = "张三" }, new Party { Role = "respondent", Name = "李四" }],
        };
        var outcome = new CaseOutcome { Kind = OutcomeKind.Agreement, Terms = terms, PerformanceDeadline = new DateOnly(2026, 12, 31), MediatorName = "王调解", RecordedBy = "m-1" };

        var pdf = AgreementPdf.Render(c, outcome);

        AgreementPdfCheck.AssertAgreement(pdf, c.Number);
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        var text = string.Concat(document.GetPages().Select(p => p.Text));
        Assert.Contains(terms[..50], text);
        Assert.Contains(terms[^50..], text);
        TestContext.Current.TestOutputHelper?.WriteLine($"agreement PDF: {pdf.Length:N0} bytes, {document.NumberOfPages} pages");
    }
}
