using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Assessment.Facts;

/// <summary>One video alert as video-alert's events left it, folded order-independently (<see cref="Stamp"/>). No account: who acknowledged it stays in video-alert.</summary>
public sealed class AlertFact
{
    public Guid AlertId { get; init; }
    public string DeviceId { get; set; } = "";

    public string OrgPath { get; set; } = "";
    public DateTime? OrgAt { get; set; }
    public Guid? OrgMessage { get; set; }

    /// <summary>From <c>AlertRaised</c>.</summary>
    public DateTime? RaisedAt { get; set; }

    /// <summary>From the newest <c>AlertRouted</c>.</summary>
    public DateTime? AckDeadline { get; set; }
    public DateTime? RoutedAt { get; set; }
    public Guid? RoutedMessage { get; set; }

    /// <summary>From <c>AlertAcknowledged</c>: when, and whether past its deadline (the producer's verdict).</summary>
    public DateTime? AcknowledgedAt { get; set; }
    public Guid? AcknowledgedMessage { get; set; }
    public bool Late { get; set; }

    public int Revision { get; set; }
}

internal sealed class AlertFactConfiguration : IEntityTypeConfiguration<AlertFact>
{
    public void Configure(EntityTypeBuilder<AlertFact> f)
    {
        f.ToTable("alert_facts");
        f.HasKey(x => x.AlertId);
        f.Property(x => x.DeviceId).HasMaxLength(20);
        f.Property(x => x.OrgPath).HasMaxLength(256);
        f.Property(x => x.Revision).IsConcurrencyToken();
        f.HasIndex(x => new { x.OrgPath, x.AcknowledgedAt });
    }
}
