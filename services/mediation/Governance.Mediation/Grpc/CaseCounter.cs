using Governance.Mediation.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Mediation.Grpc;

/// <summary>
/// The running number of a day's cases: <c>TJ20261123-000042</c> is that day's 42nd.
/// REPLACE ON MERGE: stands in for the medcases intake's numbering, as <see cref="CaseRegistration"/> does.
/// </summary>
public sealed class CaseCounter
{
    public required string Day { get; init; }
    public int Last { get; set; }

    /// <summary>One upsert, committed on its own so a busy day's registrations do not queue on one row; a refused case leaves a gap.</summary>
    public static async Task<string> NextAsync(MediationDb db, DateTime now, CancellationToken ct)
    {
        var day = now.ToString("yyyyMMdd");
        var next = await db.Database.SqlQuery<int>(
            $"""INSERT INTO case_counters ("Day", "Last") VALUES ({day}, 1) ON CONFLICT ("Day") DO UPDATE SET "Last" = case_counters."Last" + 1 RETURNING "Last" AS "Value" """)
            .ToListAsync(ct);
        return $"TJ{day}-{next[0]:D6}";
    }
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
