using MiniExcelLibs;

namespace Governance.Population.Imports;

/// <summary>The file formats an import reads: CSV (UTF-8, a header row) and xlsx (the first sheet, a header row).</summary>
public static class ImportFormats
{
    public const string Csv = "csv";
    public const string Xlsx = "xlsx";

    /// <summary>The declared format, else the file name's extension, else the file's first bytes (an xlsx is a zip: <c>PK\x03\x04</c>).</summary>
    public static string? Detect(string? declared, string? fileName, ReadOnlySpan<byte> head)
    {
        if (!string.IsNullOrWhiteSpace(declared)) return declared.Trim().ToLowerInvariant() is Csv or Xlsx ? declared.Trim().ToLowerInvariant() : null;
        var extension = Path.GetExtension(fileName ?? "").TrimStart('.').ToLowerInvariant();
        if (extension is Csv or Xlsx) return extension;
        return head.StartsWith("PK\x03\x04"u8) ? Xlsx : Csv;
    }

    public static ExcelType TypeOf(string format) => format == Xlsx ? ExcelType.XLSX : ExcelType.CSV;
}
