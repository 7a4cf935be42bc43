using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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

    /// <summary>Bumped whenever the layout changes, so that stored PDFs of the old layout are rendered anew (see <see cref="Fingerprint"/>).</summary>
    private const int Layout = 2;

    public static byte[] Render(DisputeCase c, CaseOutcome outcome)
    {
        var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = $"调解协议书 {c.Number}";
        builder.DocumentInformation.Subject = c.Number;
        var writer = new Writer(builder);
        var parties = InOrder(c.Parties);
        writer.Line(outcome.Kind == OutcomeKind.Partial ? "人民调解协议书（部分）" : "人民调解协议书", 18, centre: true);
        writer.Gap(8);
        writer.Line($"案件编号：{c.Number}", 11);
        writer.Wrapped($"纠纷名称：{c.Name}", 11);
        foreach (var p in parties) writer.Wrapped($"{RoleOf(p.Role)}：{p.Name}", 11);
        writer.Gap(6);
        writer.Line("协议内容：", 12);
        writer.Wrapped(outcome.Terms ?? "", 11);
        var amounts = outcome.Amounts.OrderBy(a => a.Id).ToList();
        if (amounts.Count > 0)
        {
            writer.Gap(6);
            writer.Line("涉及金额：", 12);
            foreach (var a in amounts) writer.Wrapped($"{a.Description}：人民币 {Yuan(a.Amount)} 元", 11);
            writer.Line($"合计：人民币 {Yuan(outcome.Total!.Value)} 元", 11);
        }
        writer.Gap(6);
        writer.Line($"履行期限：{outcome.PerformanceDeadline:yyyy年M月d日}前履行完毕。", 11);
        writer.Gap(24);
        foreach (var p in parties) writer.Wrapped($"{RoleOf(p.Role)}（签名）：{p.Name}  ______________   日期：__________", 11);
        writer.Wrapped($"调解员（签名）：{outcome.MediatorName}  ______________   日期：__________", 11);
        return builder.Build();
    }

    /// <summary>
    /// A digest of everything the PDF shows, with the layout's revision: equal digests render equal
    /// documents, so a stored PDF serves every download until the agreement (or the layout) changes.
    /// </summary>
    public static string Fingerprint(DisputeCase c, CaseOutcome outcome)
    {
        var shown = JsonSerializer.Serialize(new object?[]
        {
            Layout, c.Number, c.Name, WorkNames.Of(outcome.Kind), InOrder(c.Parties).Select(p => new[] { p.Role, p.Name }),
            outcome.Terms, outcome.Amounts.OrderBy(a => a.Id).Select(a => new[] { a.Description, Yuan(a.Amount) }),
            outcome.PerformanceDeadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), outcome.MediatorName,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(shown)));
    }

    // Applicants, respondents, others; each in the order they were added (ids grow with time). Loads do not keep an order.
    private static List<Party> InOrder(IEnumerable<Party> parties) =>
        parties.OrderBy(p => p.Role switch { "applicant" => 0, "respondent" => 1, _ => 2 }).ThenBy(p => p.Id).ToList();

    private static string Yuan(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);

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
