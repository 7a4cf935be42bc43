using Governance.Mediation.Data;
using Governance.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Mediation.Cases;

/// <summary>The running number of a day's cases: <c>TJ20261123-000042</c> is that day's 42nd (调解).</summary>
public sealed class CaseCounter
{
    public required string Day { get; init; }
    public int Last { get; set; }

    /// <summary>The next number for <paramref name="now"/>'s day; inside a caller's transaction it commits or rolls back with the case.</summary>
    public static Task<string> NextAsync(MediationDb db, DateTime now, CancellationToken ct) =>
        DailyNumbers.NextAsync(db, "case_counters", now, prefix: "TJ", ct);
}

internal sealed class CaseCounterConfiguration : IEntityTypeConfiguration<CaseCounter>
{
    public void Configure(EntityTypeBuilder<CaseCounter> c)
    {
        c.ToTable("case_counters");
        c.HasKey(x => x.Day);
        c.Property(x => x.Day).HasMaxLength(8);
    }
}
