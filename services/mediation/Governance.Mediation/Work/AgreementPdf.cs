using System.Globalization;
using Governance.Mediation.Cases;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Governance.Mediation.Work;

/// <summary>The mediation agreement (人民调解协议书) as an A4 PDF the parties sign: case number, parties' names, terms, amounts, deadline, signature lines.</summary>
internal static class AgreementPdf
{
    private const double Margin = 56;

    public static byte[] Render(DisputeCase c, CaseOutcome outcome)
    {
        CjkFontResolver.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = $"调解协议书 {c.Number}";
        document.Info.Subject = c.Number;
        using (var writer = new Writer(document))
        {
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
        }
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static string RoleOf(string role) => role switch
    {
        "applicant" => "申请人",
        "respondent" => "被申请人",
        _ => "当事人",
    };

    /// <summary>Writes lines top-down, on as many A4 pages as it takes; wraps by measured width, character by character, since Chinese has no spaces to break at.</summary>
    private sealed class Writer : IDisposable
    {
        private readonly PdfDocument _document;
        private XGraphics _gfx;
        private double _y = Margin;

        public Writer(PdfDocument document)
        {
            _document = document;
            _gfx = NewPage();
        }

        private double Width => _gfx.PageSize.Width - 2 * Margin;

        private XGraphics NewPage()
        {
            var page = _document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            _y = Margin;
            return XGraphics.FromPdfPage(page);
        }

        public void Dispose() => _gfx.Dispose();

        public void Gap(double points) => _y += points;

        public void Line(string text, double size, bool centre = false)
        {
            var font = new XFont(CjkFontResolver.Family, size);
            if (_y + size * 1.6 > _gfx.PageSize.Height - Margin)
            {
                _gfx.Dispose();
                _gfx = NewPage();
            }
            var x = centre ? Margin + (Width - _gfx.MeasureString(text, font).Width) / 2 : Margin;
            _gfx.DrawString(text, font, XBrushes.Black, new XPoint(x, _y + size));
            _y += size * 1.6;
        }

        public void Wrapped(string text, double size)
        {
            var font = new XFont(CjkFontResolver.Family, size);
            foreach (var paragraph in text.Split('\n'))
            {
                var line = "";
                foreach (var ch in paragraph.TrimEnd('\r'))
                {
                    if (_gfx.MeasureString(line + ch, font).Width > Width) { Line(line, size); line = ""; }
                    line += ch;
                }
                Line(line, size);
            }
        }
    }
}
