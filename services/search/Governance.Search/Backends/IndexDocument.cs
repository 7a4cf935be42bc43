namespace Governance.Search.Backends;

/// <summary>
/// One searchable record as the index holds it. Built from events only (ids, codes, names of places): never a
/// person's data, never a care case (ARCHITECTURE, scope boundary).
/// </summary>
/// <param name="Id">Unique in the index: <c>type:recordId</c>.</param>
/// <param name="Type">One of <see cref="Documents.RecordTypes"/>.</param>
/// <param name="RecordId">The record's id in its own service.</param>
/// <param name="Title">A short heading (the human number, the grid's name).</param>
/// <param name="Text">The searchable running text (Chinese and English).</param>
/// <param name="OrgPath">Where the record lies: who may see it.</param>
/// <param name="Grid">The grid code, when the record lies in one.</param>
/// <param name="Status">Its state (code).</param>
/// <param name="Category">Its category or kind (code).</param>
/// <param name="Time">The record's own time (reported, registered, raised), UTC.</param>
public sealed record IndexDocument(string Id, string Type, string RecordId, string Title, string Text, string OrgPath, string? Grid, string? Status,
    string? Category, DateTime Time)
{
    /// <summary><paramref name="orgPath"/> and each of its ancestors: a subtree filter is one term on this list.</summary>
    public static IReadOnlyList<string> AncestorsOf(string orgPath)
    {
        var list = new List<string>();
        for (var i = 0; i < orgPath.Length; i++)
            if (orgPath[i] == '/') list.Add(orgPath[..i]);
        list.Add(orgPath);
        return list;
    }
}
