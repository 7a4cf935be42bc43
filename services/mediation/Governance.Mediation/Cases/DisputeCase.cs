namespace Governance.Mediation.Cases;

public enum DisputeCategory
{
    Neighbour,
    FamilyAndMarriage,
    LandAndProperty,
    LabourAndWages,
    PropertyManagement,
    TrafficAccident,
    Medical,
    Consumer,
    Contract,
    Other,
}

/// <summary>GB/T 31000 risk: ordinary (grid worker on site), major (people's mediation committee), complex (specialised body).</summary>
public enum RiskLevel
{
    Ordinary,
    Major,
    Complex,
}

/// <summary>Where a dispute is being settled; each level's body sits at that level's org node.</summary>
public enum MediationLevel
{
    Grid = 1,
    Community = 2,
    Street = 3,
    County = 4,
}

public enum CaseSource
{
    GridOnSite,
    CentreWindow,
    Hotline,
    Online,
    IncidentReferral,
    Police,
    Court,
    Department,
}

/// <summary>
/// A case's states. <see cref="InMediation"/> once a body works on it; <see cref="Referred"/> while
/// another kind of body (administrative, judicial) has yet to acknowledge it; settled, partially
/// settled and failed are outcomes; <see cref="Closed"/> after the follow-up. <see cref="Declined"/>
/// (不予受理, before mediation starts) and <see cref="Withdrawn"/> (撤回 by the applicant, before an
/// outcome) end a case without one. While <see cref="Registered"/> the case's data items and parties
/// may still be completed; once mediation starts they are fixed.
/// </summary>
public enum CaseState
{
    Registered,
    InMediation,
    Referred,
    Settled,
    PartiallySettled,
    Failed,
    Closed,
    Declined,
    Withdrawn,
}

/// <summary>A dispute case (矛盾纠纷): the data items of the comprehensive-governance data standard, and where it stands.</summary>
public sealed class DisputeCase
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Human reference, e.g. <c>TJ20261123-000042</c> (调解).</summary>
    public required string Number { get; set; }

    public required string Name { get; set; }
    public DateOnly OccurredOn { get; set; }
    public required string Place { get; set; }

    /// <summary>The grid it happened in, when known (15 digits).</summary>
    public string? GridCode { get; set; }

    /// <summary>Where the dispute lies in the org tree (its grid's path, or the community's); decides who may see it.</summary>
    public required string OrgPath { get; set; }

    public DisputeCategory Category { get; set; }
    public int PeopleInvolved { get; set; }
    public decimal? AmountAtStake { get; set; }

    /// <summary>At most 2,000 characters.</summary>
    public required string Summary { get; set; }

    public RiskLevel Risk { get; set; }
    public MediationLevel Level { get; set; }

    /// <summary>The org node whose body mediates now: the level's node above (or at) <see cref="OrgPath"/>.</summary>
    public required string ResponsibleOrgPath { get; set; }

    public Guid? BodyId { get; set; }

    /// <summary>While <see cref="CaseState.Referred"/>: the body (of another kind) that has yet to acknowledge the case.</summary>
    public Guid? ReferredToBodyId { get; set; }
    public Guid? MediatorId { get; set; }
    public CaseState State { get; set; }
    public CaseSource Source { get; init; }

    /// <summary>What it came from: the incident id for a grid hand-over, a police or court reference.</summary>
    public string? SourceReference { get; init; }

    /// <summary>When the current level's time is up (then the case escalates).</summary>
    public DateTime? LevelDueAt { get; set; }

    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? SettledAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public List<Party> Parties { get; init; } = [];

    /// <summary>The grid incident this case was handed over from, which events name so that grid can follow it; null for every other source.</summary>
    public Guid? IncidentId => Source == CaseSource.IncidentReferral && Guid.TryParse(SourceReference, out var id) ? id : null;
}

public enum PartyKind
{
    Person,
    Organisation,
}

/// <summary>
/// A party to a dispute: only what mediation needs. Contact details are encrypted at rest
/// (AES-GCM, purpose <c>party-contact:{id}</c>) and never leave the service in events or lists.
/// </summary>
public sealed class Party
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CaseId { get; init; }
    public PartyKind Kind { get; init; }

    /// <summary>applicant, respondent or other.</summary>
    public required string Role { get; init; }

    public required string Name { get; set; }
    public byte[]? EncryptedContact { get; set; }
}

/// <summary>One line of a case's history: who did what, when, and why (escalations keep their reason here).</summary>
public sealed class CaseStep
{
    public long Id { get; init; }
    public Guid CaseId { get; init; }
    public DateTime At { get; init; }
    public required string Actor { get; init; }
    public required string Action { get; init; }
    public required string FromState { get; init; }
    public required string ToState { get; init; }
    public string? FromLevel { get; init; }
    public string? ToLevel { get; init; }
    public string? Note { get; init; }
}
