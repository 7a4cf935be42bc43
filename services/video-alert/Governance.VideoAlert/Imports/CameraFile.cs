using System.Globalization;
using Governance.ServiceDefaults.Problems;
using MiniExcelLibs;
using MiniExcelLibs.Csv;

namespace Governance.VideoAlert.Imports;

/// <summary>
/// The rows of a camera file, CSV (UTF-8) or xlsx (the first sheet), read by MiniExcel as population reads its imports:
/// row 1 names the columns (English names or their Chinese headings, in any order), row numbers are as a spreadsheet
/// shows them, empty rows are skipped. Each row becomes a <see cref="Cameras.CameraRequest"/>-shaped set of cells.
/// </summary>
public static class CameraFile
{
    public const string Csv = "csv";
    public const string Xlsx = "xlsx";

    /// <summary>The columns, with the headings a county's spreadsheet may use for them.</summary>
    public static readonly IReadOnlyDictionary<string, string> Columns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["deviceId"] = "deviceId", ["设备编码"] = "deviceId", ["name"] = "name", ["名称"] = "name",
        ["longitude"] = "longitude", ["经度"] = "longitude", ["latitude"] = "latitude", ["纬度"] = "latitude",
        ["owner"] = "owner", ["归属"] = "owner", ["keyArea"] = "keyArea", ["重点区域"] = "keyArea",
        ["password"] = "password", ["密码"] = "password", ["platformId"] = "platformId", ["平台编码"] = "platformId",
    };

    public static readonly IReadOnlyList<string> Required = ["deviceId", "name", "longitude", "latitude", "owner"];

    public sealed record Row(int Number, IReadOnlyDictionary<string, object> Cells);

    /// <summary>xlsx when the file is a zip (<c>PK\x03\x04</c>) or named .xlsx, else CSV.</summary>
    public static string Detect(string? fileName, ReadOnlySpan<byte> head) =>
        head.StartsWith("PK\x03\x04"u8) || string.Equals(Path.GetExtension(fileName), ".xlsx", StringComparison.OrdinalIgnoreCase) ? Xlsx : Csv;

    /// <summary>The data rows; a header that names an unknown column, one twice, or misses a required one is refused (400 naming it).</summary>
    public static List<Row> Read(Stream file, string format, int maxRows)
    {
        IConfiguration? configuration = format == Csv ? new CsvConfiguration { ReadEmptyStringAsNull = true } : null;
        Dictionary<string, string>? columns = null;
        var rows = new List<Row>();
        var number = 0;
        IEnumerable<IDictionary<string, object?>> raw;
        try
        {
            raw = MiniExcel.Query(file, useHeaderRow: false, excelType: format == Xlsx ? ExcelType.XLSX : ExcelType.CSV, configuration: configuration)
                .Cast<IDictionary<string, object?>>().ToList();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException or InvalidOperationException)
        {
            throw DomainException.Invalid("file", $"The file cannot be read as {format}.");
        }
        foreach (var cells in raw)
        {
            number++;
            if (columns is null)
            {
                columns = Header(cells);
                continue;
            }
            var row = new Dictionary<string, object>();
            foreach (var (letter, column) in columns)
                if (cells.TryGetValue(letter, out var value) && value is not null && value is not string { Length: 0 }) row[column] = value;
            if (row.Count == 0) continue;
            if (rows.Count == maxRows) throw DomainException.Invalid("file", $"The file holds more than {maxRows} cameras: split it.");
            rows.Add(new Row(number, row));
        }
        if (columns is null) throw DomainException.Invalid("file", "The file is empty: its first row names the columns.");
        return rows;
    }

    private static Dictionary<string, string> Header(IDictionary<string, object?> cells)
    {
        var columns = new Dictionary<string, string>();
        foreach (var (letter, cell) in cells)
        {
            var name = cell?.ToString()?.Trim().TrimStart('\uFEFF') ?? "";
            if (name.Length == 0) continue;
            if (!Columns.TryGetValue(name, out var column))
                throw DomainException.Invalid(name.Length > 32 ? name[..32] : name, $"The column '{name}' is not one of {string.Join(", ", Columns.Values.Distinct())}.");
            if (columns.ContainsValue(column)) throw DomainException.Invalid(column, $"The column '{column}' is named twice.");
            columns[letter] = column;
        }
        foreach (var missing in Required.Where(r => !columns.ContainsValue(r)))
            throw DomainException.Invalid(missing, $"The column '{missing}' is missing.");
        return columns;
    }

    /// <summary>A cell as text: numbers in the invariant culture (an xlsx keeps them as numbers).</summary>
    public static string? Text(this Row row, string column) => row.Cells.TryGetValue(column, out var v)
        ? Convert.ToString(v, CultureInfo.InvariantCulture)?.Trim() : null;
}
