namespace Governance.Mediation.Bodies;

/// <summary>What kind of body mediates: people's mediation (人民调解), administrative, judicial (三调联动's three).</summary>
public enum BodyKind
{
    /// <summary>People's mediation committee of a village/community or street (人民调解委员会).</summary>
    PeoplesCommittee,
    /// <summary>Industry or specialised committee: traffic, medical, labour, property (行业性专业性调解委员会).</summary>
    IndustryCommittee,
    /// <summary>A street's or county's joint mediation centre (联合调解中心).</summary>
    JointCentre,
    /// <summary>Administrative mediation by a department (行政调解).</summary>
    Administrative,
    /// <summary>Judicial office (司法所) or people's court liaison (诉调对接): judicial mediation.</summary>
    Judicial,
}

/// <summary>A body that mediates, at an org node and a level.</summary>
public sealed class MediationBody
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public BodyKind Kind { get; set; }

    /// <summary>general, traffic, medical, labour, property, …</summary>
    public required string Specialty { get; set; }

    public Cases.MediationLevel Level { get; set; }
    public required string OrgPath { get; set; }
    public bool Active { get; set; } = true;
}

/// <summary>A mediator of a body, with specialties; the expert pool is mediators flagged as experts.</summary>
public sealed class Mediator
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid BodyId { get; set; }

    /// <summary>Their staff account in identity, when they have one.</summary>
    public string? UserId { get; set; }

    public required string Name { get; set; }

    /// <summary>Space-separated specialties, e.g. <c>neighbour family_and_marriage</c>.</summary>
    public required string Specialties { get; set; }

    public bool IsExpert { get; set; }
    public bool Active { get; set; } = true;
}
