using Governance.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Search.Audit;

/// <summary>One search, as it was asked: who, the words, the filters, how many records it found. Append-only for the runtime role.</summary>
public sealed class SearchAuditEntry
{
    public long Id { get; init; }
    public required DateTime At { get; init; }

    /// <summary>The token's subject (a user id or a service's client id).</summary>
    public required string Subject { get; init; }

    public string? ClientId { get; init; }

    /// <summary>REST or gRPC.</summary>
    public required string Channel { get; init; }

    /// <summary>The free text as asked (null: none).</summary>
    public string? Query { get; init; }

    /// <summary>The filters, sort and page as JSON.</summary>
    public required string Filters { get; init; }

    /// <summary>How many records in the caller's scope matched.</summary>
    public required long ResultCount { get; init; }

    public required string Backend { get; init; }
}

internal sealed class SearchAuditEntryConfiguration : IEntityTypeConfiguration<SearchAuditEntry>
{
    public void Configure(EntityTypeBuilder<SearchAuditEntry> e)
    {
        e.ToTable("search_audit");
        e.IsAppendOnly();
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedOnAdd();
        e.Property(x => x.Subject).HasMaxLength(128);
        e.Property(x => x.ClientId).HasMaxLength(128);
        e.Property(x => x.Channel).HasMaxLength(8);
        e.Property(x => x.Query).HasMaxLength(500);
        e.Property(x => x.Filters).HasMaxLength(4000);
        e.Property(x => x.Backend).HasMaxLength(20);
        e.HasIndex(x => new { x.Subject, x.At });
    }
}
