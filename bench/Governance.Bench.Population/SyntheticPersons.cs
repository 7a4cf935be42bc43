using System.Globalization;
using Governance.Population.Documents;
using MiniExcelLibs;

namespace Governance.Bench.Population;

/// <summary>
/// Made-up residents of the demo county 632801: resident IDs with valid GB 11643 check characters on
/// made-up numbers (a birth date per thousand, a sequence within it), spread over its grids.
/// </summary>
internal static class SyntheticPersons
{
    private static readonly string[] Grids =
        [.. from street in new[] { "001", "002" } from community in new[] { "001", "002", "003" } from grid in new[] { "001", "002", "003", "004" }
            select $"632801/{street}/{community}/{grid}"];

    private static readonly DateOnly FirstBirth = new(1940, 1, 1);

    public static string ResidentId(int i)
    {
        var body = "632801" + FirstBirth.AddDays(i / 1000).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (i % 1000).ToString("000", CultureInfo.InvariantCulture);
        return body + Gb11643.CheckCharacter(body);
    }

    private static IEnumerable<Dictionary<string, object>> Rows(int count) => Enumerable.Range(0, count).Select(i => new Dictionary<string, object>
    {
        ["name"] = $"居民{i}", ["documentNumber"] = ResidentId(i), ["phone"] = $"138{i:00000000}",
        ["residenceStatus"] = i % 10 == 0 ? "floating" : "registered",
        ["permitNumber"] = i % 10 == 0 ? $"QH{i:0000000000}" : "", ["validFrom"] = i % 10 == 0 ? "2026-01-01" : "",
        ["validUntil"] = i % 10 == 0 ? "2027-01-01" : "", ["orgPath"] = Grids[i % Grids.Length],
    });

    /// <summary>Writes <paramref name="count"/> persons to <paramref name="path"/> as CSV or xlsx, streamed.</summary>
    public static void Write(string path, int count, ExcelType type) =>
        MiniExcel.SaveAs(path, Rows(count), excelType: type, overwriteFile: true);
}
