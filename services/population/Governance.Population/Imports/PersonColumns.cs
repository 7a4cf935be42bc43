using System.Globalization;
using Governance.Population.Persons;
using Governance.ServiceDefaults.Problems;

namespace Governance.Population.Imports;

/// <summary>
/// The columns of a person import, by their English names or the Chinese ones a county's sheet uses,
/// and a row read as the REST registration's request, so that the same checks apply
/// (<see cref="PersonChecks"/>). An empty document type is a resident ID; an empty residence status is registered.
/// </summary>
public static class PersonColumns
{
    public const string Name = "name", DocumentType = "documentType", DocumentNumber = "documentNumber", Phone = "phone",
        ResidenceStatus = "residenceStatus", PermitNumber = "permitNumber", ValidFrom = "validFrom", ValidUntil = "validUntil", OrgPath = "orgPath";

    public static readonly IReadOnlyList<string> All = [Name, DocumentType, DocumentNumber, Phone, ResidenceStatus, PermitNumber, ValidFrom, ValidUntil, OrgPath];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["姓名"] = Name, ["证件类型"] = DocumentType, ["证件号码"] = DocumentNumber, ["联系电话"] = Phone, ["电话"] = Phone,
        ["居住状态"] = ResidenceStatus, ["居住证号码"] = PermitNumber, ["有效期起"] = ValidFrom, ["有效期止"] = ValidUntil, ["组织路径"] = OrgPath,
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
        "residence.status" => ResidenceStatus,
        "residence.permitNumber" => PermitNumber,
        "residence.validFrom" => ValidFrom,
        "residence.validUntil" => ValidUntil,
        null => "",
        _ => field,
    };

    /// <summary>
    /// The row as a registration. <paramref name="cells"/> holds the row's values by column (strings from a
    /// CSV; strings, numbers or dates from an xlsx); <paramref name="org"/> is the import's org, for rows without one.
    /// </summary>
    /// <exception cref="DomainException">A cell that cannot be read as its column's value (a date, a number cell for a document number).</exception>
    public static PersonRequest Read(IReadOnlyDictionary<string, object?> cells, string org)
    {
        var status = Text(cells, ResidenceStatus) ?? "registered";
        var permit = Text(cells, PermitNumber);
        var from = Date(cells, ValidFrom);
        var until = Date(cells, ValidUntil);
        return new PersonRequest(Text(cells, Name), Text(cells, DocumentType) ?? "resident_id", DocumentNumberOf(cells), Text(cells, Phone),
            new ResidenceRequest(status, permit, from, until), Text(cells, OrgPath) ?? org);
    }

    private static string? DocumentNumberOf(IReadOnlyDictionary<string, object?> cells) =>
        cells.GetValueOrDefault(DocumentNumber) is double or decimal or long or int
            ? throw DomainException.Invalid(DocumentNumber, "The document number is a number cell, which keeps 15 digits only: store document numbers as text.")
            : Text(cells, DocumentNumber);

    private static string? Text(IReadOnlyDictionary<string, object?> cells, string column) => cells.GetValueOrDefault(column) switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    private static DateOnly? Date(IReadOnlyDictionary<string, object?> cells, string column)
    {
        var value = cells.GetValueOrDefault(column);
        if (value is DateTime time) return DateOnly.FromDateTime(time);
        var text = Text(cells, column);
        if (text is null) return null;
        return DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy/M/d", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
            : throw DomainException.Invalid(column, $"'{text}' is not a date (yyyy-MM-dd).");
    }
}
