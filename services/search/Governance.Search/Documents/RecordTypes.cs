namespace Governance.Search.Documents;

/// <summary>
/// The record types the index holds, and the permission a role must carry to find each: the same one that lets it
/// read the record in its own service, so search never shows what the caller could not open. Persons and care cases
/// are not here and never will be (ARCHITECTURE, scope boundary).
/// </summary>
public static class RecordTypes
{
    public const string Incident = "incident";
    public const string Dispute = "dispute";
    public const string House = "house";
    public const string Alert = "alert";
    public const string Camera = "camera";
    public const string Grid = "grid";

    /// <summary>Each type and the read permission of its own service.</summary>
    public static readonly IReadOnlyDictionary<string, string> ReadPermission = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Incident] = "incident.read",
        [Dispute] = "mediation.read",
        [House] = "population.read",
        [Alert] = "alert.read",
        [Camera] = "camera.read",
        [Grid] = "grid.read",
    };

    public static IReadOnlyList<string> All { get; } = [.. ReadPermission.Keys];

    /// <summary>The document id of a record: unique across types.</summary>
    public static string DocumentId(string type, string recordId) => $"{type}:{recordId}";
}
