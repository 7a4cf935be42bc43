using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Assessment.Facts;

/// <summary>
/// One grid incident as its events left it, folded order-independently (<see cref="Stamp"/>): each group of fields is
/// set by the event that owns it, and carries the stamp (occurred-at, message id) of the event that set it.
/// </summary>
public sealed class IncidentFact
{
    public Guid IncidentId { get; init; }
    public string Number { get; set; } = "";

    /// <summary>Where the incident lies; every incident event carries it, the newest wins.</summary>
    public string OrgPath { get; set; } = "";
    public DateTime? OrgAt { get; set; }
    public Guid? OrgMessage { get; set; }

    /// <summary>The department answerable for it: the lead of the latest dispatch, or the one its closing names.</summary>
    public string? DepartmentId { get; set; }
    public DateTime? DepartmentAt { get; set; }
    public Guid? DepartmentMessage { get; set; }

    /// <summary>The first dispatch (the earliest one, whatever order they came in).</summary>
    public DateTime? FirstDispatchedAt { get; set; }

    /// <summary>How many dispatches it had: the producer's own round number of the latest, never a count of deliveries.</summary>
    public int Dispatches { get; set; }

    /// <summary>Set by <c>IncidentClosed</c>, with its totals.</summary>
    public DateTime? ClosedAt { get; set; }
    public Guid? ClosedMessage { get; set; }
    public bool OnTime { get; set; }
    public int Reworks { get; set; }
    public int Extensions { get; set; }

    /// <summary>Set by <c>IncidentEvaluated</c>: 1 (very dissatisfied) … 5 (very satisfied).</summary>
    public int? Satisfaction { get; set; }
    public DateTime? EvaluatedAt { get; set; }
    public Guid? EvaluatedMessage { get; set; }

    /// <summary>Optimistic concurrency: two consumers folding into one row at once, the second retries on the first's row.</summary>
    public int Revision { get; set; }
}

/// <summary>
/// A department's return of an incident dispatched to it as not its own (退单), one row per (incident, dispatch round,
/// department): a return delivered twice, or published again under another message id, is still one return.
/// </summary>
public sealed class ReturnFact
{
    public Guid IncidentId { get; init; }
    public int Round { get; init; }
    public string DepartmentId { get; init; } = "";
    public string Number { get; set; } = "";

    /// <summary>lead or assisting.</summary>
    public string Role { get; set; } = "";
    public string OrgPath { get; set; } = "";
    public DateTime ReturnedAt { get; set; }
    public Guid ReturnedMessage { get; set; }
    public int Revision { get; set; }
}

internal sealed class IncidentFactConfiguration : IEntityTypeConfiguration<IncidentFact>, IEntityTypeConfiguration<ReturnFact>
{
    public void Configure(EntityTypeBuilder<IncidentFact> f)
    {
        f.ToTable("incident_facts");
        f.HasKey(x => x.IncidentId);
        f.Property(x => x.Number).HasMaxLength(32);
        f.Property(x => x.OrgPath).HasMaxLength(256);
        f.Property(x => x.DepartmentId).HasMaxLength(64);
        f.Property(x => x.Revision).IsConcurrencyToken();
        f.HasIndex(x => new { x.DepartmentId, x.ClosedAt });
        f.HasIndex(x => new { x.DepartmentId, x.EvaluatedAt });
        f.HasIndex(x => new { x.OrgPath, x.ClosedAt });
    }

    public void Configure(EntityTypeBuilder<ReturnFact> f)
    {
        f.ToTable("return_facts");
        f.HasKey(x => new { x.IncidentId, x.Round, x.DepartmentId });
        f.Property(x => x.DepartmentId).HasMaxLength(64);
        f.Property(x => x.Number).HasMaxLength(32);
        f.Property(x => x.Role).HasMaxLength(16);
        f.Property(x => x.OrgPath).HasMaxLength(256);
        f.Property(x => x.Revision).IsConcurrencyToken();
        f.HasIndex(x => new { x.DepartmentId, x.ReturnedAt });
    }
}
