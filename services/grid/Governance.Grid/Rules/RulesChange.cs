using Governance.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Grid.Rules;

/// <summary>
/// The rules-change log: one line per change a centre makes to rules or working-time calendars
/// (who, when, what), written with the change itself. Append-only.
/// </summary>
public sealed class RulesChange
{
    public long Id { get; init; }
    public DateTime At { get; init; }
    public required string Actor { get; init; }

    /// <summary>What was changed: <c>rules v3</c>, <c>calendar 632801</c>, <c>calendar national 2026</c>.</summary>
    public required string Subject { get; init; }

    public required string Summary { get; init; }
}

internal sealed class RulesChangeConfiguration : IEntityTypeConfiguration<RulesChange>
{
    public void Configure(EntityTypeBuilder<RulesChange> c)
    {
        c.ToTable("rules_changes");
        c.HasKey(x => x.Id);
        c.Property(x => x.Actor).HasMaxLength(200);
        c.Property(x => x.Subject).HasMaxLength(64);
        c.Property(x => x.Summary).HasMaxLength(2000);
        c.HasIndex(x => x.At);
        c.IsAppendOnly();
    }
}
