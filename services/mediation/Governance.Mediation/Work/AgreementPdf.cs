using System.Globalization;
using Governance.Mediation.Cases;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Writer;

namespace Governance.Mediation.Work;

/// <summary>
/// The mediation agreement (人民调解协议书) as an A4 PDF the parties sign: case number, parties'
/// names, terms, amounts, deadline, signature lines. Written with PdfPig (Apache-2.0; PDFsharp 6.5
/// is AGPL and not used here) and a CJK TrueType font.
/// </summary>
internal static class AgreementPdf
{
    private const double Margin = 56;

    public static byte[] Render(DisputeCase c, CaseOutcome outcome)
    {
        var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = $"调解协议书 {c.Number}";
        builder.DocumentInformation.Subject = c.Number;
        var writer = new Writer(builder);
        writer.Line(outcome.Kind == OutcomeKind.Partial ? "人民调解协议书（部分）" : "人民调解协议书", 18, centre: true);
        writer.Gap(8);
        writer.Line($"案件编号：{c.Number}", 11);
        writer.Line($"纠纷名称：{c.Name}", 11);
        foreach (var p in c.Parties) writer.Line($"{RoleOf(p.Role)}：{p.Name}", 11);
        writer.Gap(6);
        writer.Line("协议内容：", 12);
        writer.Wrapped(outcome.Terms ?? "", 11);
        if (outcome.Amounts.Count > 0)
        {
            writer.Gap(6);
            writer.Line("涉及金额：", 12);
            foreach (var a in outcome.Amounts) writer.Line($"{a.Description}：人民币 {a.Amount.ToString("N2", CultureInfo.InvariantCulture)} 元", 11);
            writer.Line($"合计：人民币 {outcome.Total!.Value.ToString("N2", CultureInfo.InvariantCulture)} 元", 11);
        }
        writer.Gap(6);
        writer.Line($"履行期限：{outcome.PerformanceDeadline:yyyy年M月d日}前履行完毕。", 11);
        writer.Gap(24);
        foreach (var p in c.Parties) writer.Line($"{RoleOf(p.Role)}（签名）：{p.Name}  ______________   日期：__________", 11);
        writer.Line($"调解员（签名）：{outcome.MediatorName}  ______________   日期：__________", 11);
        return builder.Build();
    }

    private static string RoleOf(string role) => role switch
    {
        "applicant" => "申请人",
        "respondent" => "被申请人",
        _ => "当事人",
    };

    /// <summary>Writes lines top-down on as many A4 pages as it takes; wraps by measured width, character by character, since Chinese has no spaces to break at.</summary>
    private sealed class Writer(PdfDocumentBuilder builder)
    {
        // PdfPig writes a TrueType font as a simple font of at most 255 characters; a long agreement
        // uses more, so each run of 250 new characters gets its own copy of the font.
        private const int CharactersPerFont = 250;
        private readonly List<(PdfDocumentBuilder.AddedFont Font, HashSet<char> Characters)> _fonts = [];
        private PdfPageBuilder _page = builder.AddPage(PageSize.A4);
        private double _y = PageHeight - Margin;

        private static double PageHeight => 842;
        private static double Width => 595 - 2 * Margin;

        public void Gap(double points) => _y -= points;

        public void Line(string text, double size, bool centre = false)
        {
            if (_y - size * 1.6 < Margin)
            {
                _page = builder.AddPage(PageSize.A4);
                _y = PageHeight - Margin;
            }
            var x = centre ? Margin + (Width - Measure(text, size)) / 2 : Margin;
            if (text.Length > 0) _page.AddText(text, size, new PdfPoint(x, _y - size), FontFor(text));
            _y -= size * 1.6;
        }

        public void Wrapped(string text, double size)
        {
            foreach (var paragraph in text.Split('\n'))
            {
                var line = "";
                foreach (var ch in paragraph.TrimEnd('\r'))
                {
                    if (Measure(line + ch, size) > Width) { Line(line, size); line = ""; }
                    line += ch;
                }
                Line(line, size);
            }
        }

        private double Measure(string text, double size)
        {
            if (text.Length == 0) return 0;
            var letters = _page.MeasureText(text, size, new PdfPoint(0, 0), FontFor(text));
            return letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
        }

        /// <summary>A font copy that has, or has room for, every character of <paramref name="text"/>.</summary>
        private PdfDocumentBuilder.AddedFont FontFor(string text)
        {
            foreach (var (font, characters) in _fonts)
            {
                var added = text.Where(c => !characters.Contains(c)).Distinct().Count();
                if (characters.Count + added > CharactersPerFont) continue;
                characters.UnionWith(text);
                return font;
            }
            if (text.Distinct().Count() > CharactersPerFont)
                throw new InvalidOperationException($"A line may hold at most {CharactersPerFont} distinct characters.");
            var fresh = builder.AddTrueTypeFont(CjkFont.Bytes);
            _fonts.Add((fresh, [.. text]));
            return fresh;
        }
    }
}
