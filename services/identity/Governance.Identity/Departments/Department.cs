namespace Governance.Identity.Departments;

/// <summary>
/// The kinds of member department that take part in governance work. The list is data in practice
/// (counties differ); the kind says which incidents and referrals a department can own.
/// </summary>
public enum DepartmentKind
{
    PublicSecurity,
    Justice,
    CivilAffairs,
    Housing,
    UrbanManagement,
    MarketRegulation,
    Health,
    LettersAndVisits,
    HumanResources,
    Emergency,
    Environment,
    Education,
    /// <summary>A grid, community or street office: the governance centre's own staff.</summary>
    GovernanceOffice,
    Other,
}

/// <summary>A member department (公安、司法、民政 …) attached to a node of the org tree.</summary>
public sealed class Department
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Short code unique within its org node, e.g. <c>psb</c> for a county's public security bureau.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }
    public DepartmentKind Kind { get; set; }
    public Guid OrgNodeId { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? RetiredAt { get; set; }

    /// <summary>
    /// Counts the department's changes (1 at creation) and guards them (a concurrency token). Every
    /// event and restatement carries it, so that a consumer's copy takes only what is newer than it holds.
    /// </summary>
    public int Version { get; set; } = 1;
}
