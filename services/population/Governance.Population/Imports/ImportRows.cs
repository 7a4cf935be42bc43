using Governance.ServiceDefaults.Problems;
using MiniExcelLibs;
using MiniExcelLibs.Csv;

namespace Governance.Population.Imports;

/// <summary>
/// The rows of an uploaded file, streamed by MiniExcel from a local copy sealed under a key held in memory
/// (<see cref="SealedScratchFile"/>): one row in memory at a time
/// (xlsx shared strings spill to disk past MiniExcel's cache size). Row numbers are as a spreadsheet
/// shows them: the header is row 1. Empty rows are skipped but counted.
/// </summary>
public sealed class ImportRows(SealedScratchFile file, string format, Func<string, string?> columnOf, IReadOnlyList<string> required, IReadOnlyList<string> known)
{
    public sealed record Row(int Number, IReadOnlyDictionary<string, object?> Cells);

    /// <summary>A fault of the header (row 1): an unknown column, one named twice, or a required one missing.</summary>
    public sealed record HeaderFault(string Column, DomainMessage Reason);

    /// <summary>
    /// The header's faults, known once <see cref="Read"/> has begun: an unknown column, one named twice, a required
    /// one missing, or no header at all. <see cref="Read"/> yields no row when there is one.
    /// </summary>
    public IReadOnlyList<HeaderFault> HeaderFaults { get; private set; } = [];

    private List<HeaderFault> CheckHeader(IDictionary<string, object?>? header)
    {
        if (header is null) return [new HeaderFault("", EmptyFile())];
        var faults = new List<HeaderFault>();
        var seen = new HashSet<string>();
        foreach (var cell in header.Values)
        {
            var name = cell?.ToString()?.Trim() ?? "";
            if (name.Length == 0) continue;
            var column = columnOf(name);
            if (column is null) faults.Add(new HeaderFault(name.Length > 32 ? name[..32] : name, UnknownColumn(name, known)));
            else if (!seen.Add(column)) faults.Add(new HeaderFault(column, NamedTwice(column)));
        }
        foreach (var missing in required.Where(r => !seen.Contains(r)))
            faults.Add(new HeaderFault(missing, Missing(missing)));
        return faults;
    }

    private static DomainMessage EmptyFile() => "The file is empty: its first row names the columns.";
    private static DomainMessage UnknownColumn(string name, IReadOnlyList<string> known) => $"The column '{name}' is not one of {string.Join(", ", known)}.";
    private static DomainMessage NamedTwice(string column) => $"The column '{column}' is named twice.";
    private static DomainMessage Missing(string column) => $"The column '{column}' is missing.";

    /// <summary>The data rows (after the header), each cell under its column's name.</summary>
    /// <remarks>One pass over the file, header included: an xlsx's shared strings are loaded once.</remarks>
    public IEnumerable<Row> Read()
    {
        Dictionary<string, string>? columns = null;
        var number = 0;
        HeaderFaults = [];
        foreach (var raw in Query())
        {
            number++;
            if (columns is null)
            {
                HeaderFaults = CheckHeader(raw);
                if (HeaderFaults.Count > 0) yield break;
                columns = raw.Where(c => c.Value?.ToString() is { Length: > 0 } name && columnOf(name.Trim()) is not null)
                    .ToDictionary(c => c.Key, c => columnOf(c.Value!.ToString()!.Trim())!);
                continue;
            }
            var cells = new Dictionary<string, object?>(columns.Count);
            foreach (var (letter, column) in columns)
                if (raw.TryGetValue(letter, out var value) && value is not null && value is not string { Length: 0 }) cells[column] = value;
            if (cells.Count > 0) yield return new Row(number, cells);
        }
        if (columns is null) HeaderFaults = CheckHeader(null);
    }

    private IEnumerable<IDictionary<string, object?>> Query()
    {
        IConfiguration? configuration = format == ImportFormats.Csv ? new CsvConfiguration { ReadEmptyStringAsNull = true } : null;
        using var stream = file.OpenRead();
        foreach (var row in MiniExcel.Query(stream, useHeaderRow: false, excelType: ImportFormats.TypeOf(format), configuration: configuration))
            yield return (IDictionary<string, object?>)row;
    }
}
