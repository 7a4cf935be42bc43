using System.Globalization;
using Governance.Population.Households;
using Governance.ServiceDefaults.Problems;

namespace Governance.Population.Imports;

/// <summary>
/// The columns of a households import, by their English names or the Chinese ones a county's sheet uses: one
/// membership per row, so a household of three is three rows repeating its number, kind and house. The house is named
/// as a department's sheet knows it, by the path of codes from the top-level house down (<c>01/3/1/0502</c>), in the
/// row's org (<c>orgPath</c>, or the import's); the member by their identity document (type and number), found by the
/// keyed hash. A person's name is not a column: the document decides who the member is.
/// </summary>
public static class HouseholdColumns
{
    public const string Number = "number", Kind = "kind", House = "house", OrgPath = "orgPath", DocumentType = "documentType",
        DocumentNumber = "documentNumber", Relation = "relation", JoinedOn = "joinedOn";

    public static readonly IReadOnlyList<string> All = [Number, Kind, House, OrgPath, DocumentType, DocumentNumber, Relation, JoinedOn];
    public static readonly IReadOnlyList<string> Required = [Number, Kind, House, DocumentNumber, Relation];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["户号"] = Number, ["户类型"] = Kind, ["户别"] = Kind, ["房屋"] = House, ["房屋编码"] = House, ["组织路径"] = OrgPath,
        ["证件类型"] = DocumentType, ["证件号码"] = DocumentNumber, ["与户主关系"] = Relation, ["入户日期"] = JoinedOn,
    };

    /// <summary>The Chinese names of the kinds and relations (GB/T 4761's groups) a sheet may hold instead of the wire names.</summary>
    private static readonly Dictionary<string, string> Values = new(StringComparer.OrdinalIgnoreCase)
    {
        ["家庭户"] = "family", ["集体户"] = "collective",
        ["户主"] = HouseholdNames.Head, ["本人"] = HouseholdNames.Head, ["配偶"] = "spouse", ["子女"] = "child", ["子"] = "child", ["女"] = "child",
        ["父母"] = "parent", ["父亲"] = "parent", ["母亲"] = "parent", ["祖父母"] = "grandparent", ["外祖父母"] = "grandparent",
        ["孙子女"] = "grandchild", ["外孙子女"] = "grandchild", ["兄弟姐妹"] = "sibling", ["儿媳"] = "child_in_law", ["女婿"] = "child_in_law",
        ["其他亲属"] = "other_relative", ["非亲属"] = "non_relative",
    };

    /// <summary>The column a header names; null for a header that names none.</summary>
    public static string? Of(string header)
    {
        var trimmed = header.Trim();
        if (All.FirstOrDefault(c => string.Equals(c, trimmed, StringComparison.OrdinalIgnoreCase)) is { } column) return column;
        return Aliases.GetValueOrDefault(trimmed);
    }

    /// <summary>The column a check's fault is reported in.</summary>
    public static string OfField(string? field) => field ?? "";

    public static string? NumberOf(IReadOnlyDictionary<string, object?> cells) => Text(cells, Number);
    public static string? KindOf(IReadOnlyDictionary<string, object?> cells) => Named(cells, Kind);
    public static string? RelationOf(IReadOnlyDictionary<string, object?> cells) => Named(cells, Relation);
    public static string? Org(IReadOnlyDictionary<string, object?> cells) => Text(cells, OrgPath);
    public static string DocumentTypeOf(IReadOnlyDictionary<string, object?> cells) => Text(cells, DocumentType) ?? "resident_id";

    /// <summary>The house's codes, top-level first; empty when the cell is.</summary>
    public static IReadOnlyList<string> HousePath(IReadOnlyDictionary<string, object?> cells) =>
        Text(cells, House)?.Split('/', StringSplitOptions.TrimEntries) ?? [];

    public static string? DocumentNumberOf(IReadOnlyDictionary<string, object?> cells) =>
        cells.GetValueOrDefault(DocumentNumber) is double or decimal or long or int
            ? throw DomainException.Invalid(DocumentNumber, "The document number is a number cell, which keeps 15 digits only: store document numbers as text.")
            : Text(cells, DocumentNumber);

    public static DateOnly? JoinedOnOf(IReadOnlyDictionary<string, object?> cells)
    {
        var value = cells.GetValueOrDefault(JoinedOn);
        if (value is DateTime time) return DateOnly.FromDateTime(time);
        var text = Text(cells, JoinedOn);
        if (text is null) return null;
        return DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy/M/d", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
            : throw DomainException.Invalid(JoinedOn, $"'{text}' is not a date (yyyy-MM-dd).");
    }

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
