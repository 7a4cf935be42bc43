using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Assessment.Replay;

/// <summary>
/// A named lease one replica holds at a time (replay): taken by one conditional UPDATE, so two replicas asking at once
/// cannot both win; it lapses by itself at <see cref="Until"/> if its holder dies.
/// </summary>
public sealed class Lease
{
    public const string Replay = "replay";

    /// <summary>The <see cref="Until"/> of a lease nobody holds: long past.</summary>
    public static readonly DateTime Free = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public required string Name { get; init; }
    public string Holder { get; set; } = "";
    public DateTime Until { get; set; }
}

internal sealed class LeaseConfiguration : IEntityTypeConfiguration<Lease>
{
    public void Configure(EntityTypeBuilder<Lease> l)
    {
        l.ToTable("assessment_leases");
        l.HasKey(x => x.Name);
        l.Property(x => x.Name).HasMaxLength(32);
        l.Property(x => x.Holder).HasMaxLength(64);
        l.HasData(new Lease { Name = Lease.Replay, Holder = "", Until = Lease.Free });
    }
}
