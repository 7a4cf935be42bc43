using Governance.ServiceDefaults.Auth;

namespace Governance.Identity.Org;

/// <summary>A node of the org tree: a division, a street, a community or a grid.</summary>
public sealed class OrgNode
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The node's own code: 6 digits down to county, 3 below.</summary>
    public required string Code { get; set; }

    /// <summary>Codes from the root down, e.g. <c>632801/001/002/007</c>; unique, changes when the node or an ancestor moves.</summary>
    public required string Path { get; set; }

    public required string Name { get; set; }
    public OrgLevel Level { get; init; }
    public Guid? ParentId { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>When the node was retired; a retired node keeps its path reserved and takes no users or children.</summary>
    public DateTime? RetiredAt { get; set; }

    /// <summary>Optimistic concurrency: two admins editing one node cannot both win silently.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public bool IsRetired => RetiredAt is not null;
    public OrgPath OrgPath => OrgPath.Parse(Path);

    public static string PathOf(OrgNode? parent, string code) => parent is null ? code : parent.Path + "/" + code;
}
