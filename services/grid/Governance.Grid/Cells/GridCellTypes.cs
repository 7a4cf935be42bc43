using System.Text.Json;

namespace Governance.Grid.Cells;

public static class GridCellTypes
{
    /// <summary>The name on the wire: <c>residential_compound</c>, <c>rural_village</c>, ...</summary>
    public static string Name(this GridCellType type) => JsonNamingPolicy.SnakeCaseLower.ConvertName(type.ToString());

    public static bool TryParse(string? value, out GridCellType type)
    {
        foreach (var candidate in Enum.GetValues<GridCellType>())
            if (candidate.Name() == value) { type = candidate; return true; }
        type = default;
        return false;
    }

    public static string Names => string.Join(", ", Enum.GetValues<GridCellType>().Select(t => t.Name()));
}
