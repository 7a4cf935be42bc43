using Governance.Search.Backends;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Search.Documents;

/// <summary>
/// The read model: one row per searchable record, folded from its events in the inbox's transaction, and the source
/// the index is (re)built from. <see cref="Pending"/> marks a row the index has not caught up with; the
/// <see cref="Indexing.Indexer"/> pushes it and clears the mark only if no event changed the row meanwhile
/// (<see cref="Revision"/>). So the index can be thrown away and rebuilt at any time (the reindex command).
/// </summary>
public sealed class SearchDocument
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required string RecordId { get; init; }
    public string Title { get; set; } = "";

    /// <summary>The words of the record the index segments, Chinese labels of its codes included.</summary>
    public string Text { get; set; } = "";

    public string OrgPath { get; set; } = "";
    public string? Grid { get; set; }
    public string? Status { get; set; }

    /// <summary>When the event that set <see cref="Status"/> happened: an older event arriving late does not undo a newer one.</summary>
    public DateTime StatusAt { get; set; }

    public string? Category { get; set; }

    /// <summary>The record's own time: the earliest event's (the report, the registration).</summary>
    public DateTime Time { get; set; }

    /// <summary>The latest event's time: the lag metric measures from it to searchable.</summary>
    public DateTime LastEventAt { get; set; }

    /// <summary>One more for every fold: the indexer clears <see cref="Pending"/> only for the revision it indexed.</summary>
    public long Revision { get; set; }

    public bool Pending { get; set; }

    /// <summary>
    /// When the row was last marked <see cref="Pending"/>, by this service's clock: a full rebuild beside the live index
    /// (<see cref="Reindex.Reindexer"/>) writes again, after its swap, the rows changed while it ran.
    /// </summary>
    public DateTime ChangedAt { get; set; }

    /// <summary>
    /// The record's own words that its events do not carry, fetched from its service (an incident's title, description
    /// and address from grid: <see cref="Details.IncidentDetailsFetcher"/>); part of <see cref="Text"/>.
    /// </summary>
    public string Details { get; set; } = "";

    /// <summary>Set when the record's details are still to be fetched from its service.</summary>
    public bool DetailsWanted { get; set; }

    /// <summary>Codes, labels and numbers of the record, each once, in the order first seen: <see cref="Text"/> is made of them.</summary>
    public List<string> Words { get; set; } = [];

    /// <summary>
    /// Marks the tracked row for the indexer: one revision more, pending, changed now. Pending is written even when it
    /// reads true already: the indexer may have cleared it in the database since the row was read (a clear moves no
    /// revision, so the concurrency check lets this save through), and the change must still be indexed.
    /// </summary>
    public static void MarkPending(EntityEntry<SearchDocument> entry, DateTime now)
    {
        var doc = entry.Entity;
        doc.Revision++;
        doc.Pending = true;
        doc.ChangedAt = now;
        if (entry.State is EntityState.Unchanged or EntityState.Modified) entry.Property(d => d.Pending).IsModified = true;
    }

    public IndexDocument ToIndex() => new(Id, Type, RecordId, Title, Text, OrgPath, Grid, Status, Category, Time);
}

internal sealed class SearchDocumentConfiguration : IEntityTypeConfiguration<SearchDocument>
{
    public void Configure(EntityTypeBuilder<SearchDocument> e)
    {
        e.ToTable("search_documents");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasMaxLength(120);
        e.Property(x => x.Type).HasMaxLength(20);
        e.Property(x => x.RecordId).HasMaxLength(64);
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.Text).HasMaxLength(4000);
        e.Property(x => x.OrgPath).HasMaxLength(256);
        e.Property(x => x.Grid).HasMaxLength(20);
        e.Property(x => x.Status).HasMaxLength(40);
        e.Property(x => x.Category).HasMaxLength(64);
        e.Property(x => x.Revision).IsConcurrencyToken();
        e.Property(x => x.Details).HasMaxLength(2000);
        e.HasIndex(x => x.Pending).HasFilter("\"Pending\"");
        e.HasIndex(x => x.DetailsWanted).HasFilter("\"DetailsWanted\"");
        e.HasIndex(x => x.Type);
    }
}
