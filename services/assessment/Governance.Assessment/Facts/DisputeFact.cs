using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Assessment.Facts;

/// <summary>One dispute case as mediation's events left it, folded order-independently (<see cref="Stamp"/>).</summary>
public sealed class DisputeFact
{
    public Guid CaseId { get; init; }
    public string Number { get; set; } = "";

    public string OrgPath { get; set; } = "";
    public DateTime? OrgAt { get; set; }
    public Guid? OrgMessage { get; set; }

    /// <summary>From <c>DisputeRegistered</c>.</summary>
    public DateTime? RegisteredAt { get; set; }
    public string? StartLevel { get; set; }

    /// <summary>The level it is at: registered there, escalated to it, or settled at it; the newest event wins.</summary>
    public string? Level { get; set; }
    public DateTime? LevelAt { get; set; }
    public Guid? LevelMessage { get; set; }

    /// <summary>How it ended (<see cref="Outcomes"/>), at which level and when; null while open. The newest ending wins.</summary>
    public string? Outcome { get; set; }
    public string? OutcomeLevel { get; set; }
    public DateTime? OutcomeAt { get; set; }
    public Guid? OutcomeMessage { get; set; }

    public int Revision { get; set; }
}

/// <summary>The endings of a case assessment counts.</summary>
public static class Outcomes
{
    public const string Settled = "settled";
    public const string PartiallySettled = "partially_settled";

    /// <summary>Mediation failed at the county (a failure below it escalates and is no ending).</summary>
    public const string Failed = "failed";
    public const string Declined = "declined";
    public const string Withdrawn = "withdrawn";
}

internal sealed class DisputeFactConfiguration : IEntityTypeConfiguration<DisputeFact>
{
    public void Configure(EntityTypeBuilder<DisputeFact> f)
    {
        f.ToTable("dispute_facts");
        f.HasKey(x => x.CaseId);
        f.Property(x => x.Number).HasMaxLength(32);
        f.Property(x => x.OrgPath).HasMaxLength(256);
        f.Property(x => x.StartLevel).HasMaxLength(16);
        f.Property(x => x.Level).HasMaxLength(16);
        f.Property(x => x.Outcome).HasMaxLength(32);
        f.Property(x => x.OutcomeLevel).HasMaxLength(16);
        f.Property(x => x.Revision).IsConcurrencyToken();
        f.HasIndex(x => new { x.OrgPath, x.OutcomeAt });
    }
}
