using System.Globalization;
using Governance.Population.Houses;

namespace Governance.Population.Imports;

/// <summary>
/// The columns of a houses import, by their English names or the Chinese ones a county's sheet uses, and a row
/// read as the REST registration's request, so that the same checks apply (<see cref="HouseChecks"/>). A row names
/// its parent by the path of codes from the top-level house down (<c>01/3/1</c>: unit 1 of building 3 of compound
/// 01), in the row's org (the <c>orgPath</c> column, or the import's org): the parent is an earlier row of the file
/// or a house already stored. Points are not imported: placing them needs the grid service and the caller's token.
/// </summary>
public static class HouseColumns
{
    public const string Kind = "kind", Code = "code", Name = "name", Parent = "parent", OrgPath = "orgPath", Address = "address", Use = "use",
        Occupancy = "occupancy";

    public static readonly IReadOnlyList<string> All = [Kind, Code, Name, Parent, OrgPath, Address, Use, Occupancy];
    public static readonly IReadOnlyList<string> Required = [Kind, Code, Name];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["类型"] = Kind, ["层级"] = Kind, ["编码"] = Code, ["名称"] = Name, ["上级"] = Parent, ["上级编码"] = Parent, ["组织路径"] = OrgPath,
        ["地址"] = Address, ["用途"] = Use, ["居住情况"] = Occupancy,
    };

    /// <summary>The Chinese names of the kinds, uses and occupancies a sheet may hold instead of the wire names.</summary>
    private static readonly Dictionary<string, string> Values = new(StringComparer.OrdinalIgnoreCase)
    {
        ["小区"] = HouseNames.Compound, ["院落"] = HouseNames.Compound, ["楼栋"] = HouseNames.Building, ["单元"] = HouseNames.Unit, ["房间"] = HouseNames.Room,
        ["户"] = HouseNames.Room, ["自住"] = "residential", ["出租"] = "rental", ["商用"] = "commercial", ["混合"] = "mixed",
        ["有人居住"] = "occupied", ["空置"] = "vacant",
    };

    /// <summary>The column a header names; null for a header that names none.</summary>
    public static string? Of(string header)
    {
        var trimmed = header.Trim();
        if (All.FirstOrDefault(c => string.Equals(c, trimmed, StringComparison.OrdinalIgnoreCase)) is { } column) return column;
        return Aliases.GetValueOrDefault(trimmed);
    }

    /// <summary>The column of the file a registration field's fault is reported in.</summary>
    public static string OfField(string? field) => field switch
    {
        "parentId" => Parent,
        null => "",
        _ => field,
    };

    /// <summary>The row as a registration (without parent or org, which the import finds by the path).</summary>
    public static HouseRequest Read(IReadOnlyDictionary<string, object?> cells) =>
        new(Named(cells, Kind), Text(cells, Code), Text(cells, Name), null, null, Text(cells, Address), Named(cells, Use), Named(cells, Occupancy), null, null);

    /// <summary>The parent's codes, top-level first; empty for a top-level house.</summary>
    public static IReadOnlyList<string> ParentPath(IReadOnlyDictionary<string, object?> cells) =>
        Text(cells, Parent)?.Split('/', StringSplitOptions.TrimEntries) ?? [];

    public static string? Org(IReadOnlyDictionary<string, object?> cells) => Text(cells, OrgPath);

    private static string? Named(IReadOnlyDictionary<string, object?> cells, string column) =>
        Text(cells, column) is { } text ? Values.GetValueOrDefault(text, text) : null;

    private static string? Text(IReadOnlyDictionary<string, object?> cells, string column) => cells.GetValueOrDefault(column) switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };
}
