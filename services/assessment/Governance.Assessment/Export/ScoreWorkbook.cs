using System.Globalization;
using Governance.Assessment.Indicators;
using Governance.Assessment.Letters;
using Governance.Assessment.Scores;

namespace Governance.Assessment.Export;

/// <summary>
/// Scorecards and a ranking laid out as a county centre circulates them: a first sheet 考核排名 (a title row such as
/// "2026年11月 综治委成员单位考核排名", then 排名 / 单位 / 总分 and each indicator's points), then a sheet per department
/// (指标 / 权重 / 规则 / 目标 / 实际 / 得分 / 依据条数, a 督查扣分 row when inspection findings take points off, and a 合计 row). Rows are dictionaries with the same keys
/// (A, B, …) written without a header row, so the title can come first; MiniExcel writes them as they are enumerated.
/// </summary>
public static class ScoreWorkbook
{
    public const string RankingSheet = "考核排名";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The workbook's sheets in order (sheet name → rows), for <c>MiniExcel.SaveAsAsync</c>.</summary>
    /// <param name="edition">Said after the title, e.g. "（第2版，2026-12-03发布）"; empty for live figures.</param>
    public static Dictionary<string, object> Sheets(Scorecards.Ranking ranking, IReadOnlyList<Scorecards.Scorecard> cards, string edition)
    {
        var period = PeriodTitle(ranking.Period);
        var sheets = new Dictionary<string, object> { [RankingSheet] = RankingRows(ranking, cards, $"{period} 综治委成员单位考核排名{edition}") };
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { RankingSheet };
        foreach (var card in cards) sheets[SheetName(card.DepartmentName, names)] = CardRows(card, $"{card.DepartmentName} {period} 考核计分表{edition}");
        return sheets;
    }

    /// <summary>"2026年11月", "2026年第4季度" or "2026年度".</summary>
    public static string PeriodTitle(string label) => label.Length switch
    {
        7 when label[5] == 'Q' => $"{label[..4]}年第{label[6]}季度",
        7 => $"{label[..4]}年{int.Parse(label[5..], Invariant)}月",
        _ => $"{label}年度",
    };

    private static IEnumerable<IDictionary<string, object?>> RankingRows(Scorecards.Ranking ranking, IReadOnlyList<Scorecards.Scorecard> cards, string title)
    {
        // Each indicator any letter names, in the order the best-ranked letters name them.
        var indicators = cards.SelectMany(c => c.Items).Select(i => (i.Indicator, i.Name)).DistinctBy(i => i.Indicator).ToList();
        // Inspection findings are taken off the total outside the letter's items: a column of their own when any department has one.
        var deductions = cards.Any(c => c.Deducted != 0);
        var width = 3 + indicators.Count + (deductions ? 1 : 0);
        yield return Row(width, title);
        yield return Row(width, ["排名", "单位", "总分", .. indicators.Select(i => i.Name), .. deductions ? new[] { "督查扣分" } : []]);
        var byDepartment = cards.ToDictionary(c => c.DepartmentId);
        foreach (var entry in ranking.Departments)
        {
            byDepartment.TryGetValue(entry.DepartmentId, out var card);
            var items = card?.Items.ToDictionary(i => i.Indicator) ?? [];
            yield return Row(width, [entry.Rank, entry.DepartmentName, entry.Total,
                .. indicators.Select(i => items.TryGetValue(i.Indicator, out var item) ? (object?)item.Points : null),
                .. deductions ? new object?[] { -(card?.Deducted ?? 0) } : []]);
        }
    }

    private static IEnumerable<IDictionary<string, object?>> CardRows(Scorecards.Scorecard card, string title)
    {
        const int width = 7;
        yield return Row(width, title);
        yield return Row(width, ["指标", "权重", "规则", "目标", "实际", "得分", "依据条数"]);
        foreach (var item in card.Items)
        {
            var rate = (Measure.Find(item.Measure)?.Kind ?? (item.Denominator is null ? Measure.Count : Measure.Rate)) == Measure.Rate;
            yield return Row(width, [item.Name, item.Weight, RuleText(item, rate), Figure(item.Target, rate),
                item.NoRecords ? "无记录" : Figure(item.Value, rate), item.Points, item.Denominator ?? item.Numerator]);
        }
        if (card.Deducted != 0)
            yield return Row(width, ["督查扣分", null, $"督查问题 {card.Deductions?.Count ?? 0} 项", null, null, -card.Deducted, card.Deductions?.Count ?? 0]);
        yield return Row(width, ["合计", card.MaxPoints, null, null, null, card.Total, null]);
    }

    private static string RuleText(Scorecards.ScoreItem item, bool rate) => item.Rule switch
    {
        ScoringRules.Linear => $"线性计分（底线 {Figure(item.Floor, rate)}）",
        ScoringRules.Threshold => "达标计分",
        ScoringRules.Deduction => $"每件扣 {item.PerCase?.ToString("0.##", Invariant)} 分",
        ScoringRules.Bonus => $"每件加 {item.PerCase?.ToString("0.##", Invariant)} 分",
        _ => item.Rule,
    };

    private static string Figure(decimal? value, bool rate) => value is not { } v ? "" : rate ? (v * 100).ToString("0.##", Invariant) + "%" : v.ToString("0.##", Invariant);

    // Excel's sheet names: at most 31 characters, none of : \ / ? * [ ], unique regardless of case.
    private static string SheetName(string name, HashSet<string> taken)
    {
        var clean = new string([.. name.Select(c => ":\\/?*[]".Contains(c) ? '_' : c)]).Trim('\'', ' ');
        if (clean.Length == 0) clean = "单位";
        if (clean.Length > 31) clean = clean[..31];
        var candidate = clean;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            var suffix = $"({n})";
            candidate = clean[..Math.Min(clean.Length, 31 - suffix.Length)] + suffix;
        }
        return candidate;
    }

    private static Dictionary<string, object?> Row(int width, params object?[] cells)
    {
        var row = new Dictionary<string, object?>(width);
        for (var i = 0; i < width; i++) row[Column(i)] = i < cells.Length ? cells[i] : null;
        return row;
    }

    private static string Column(int index) => index < 26 ? ((char)('A' + index)).ToString() : Column(index / 26 - 1) + (char)('A' + index % 26);
}
