using Governance.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.ServiceDefaults.Versioning;

/// <summary>
/// One version of a document a centre manages as data (grid's rules, mediation's level rules), never
/// changed once written: who made it, when, why, what changed, from when it applies, and the whole
/// document as JSON. The version in effect at a moment is the one with the latest
/// <see cref="EffectiveFrom"/> not after it; effective times never go backwards. A service derives one
/// sealed entity per document and maps it with <see cref="DocumentVersionModel.IsDocumentVersions{TVersion}"/>.
/// </summary>
public abstract class DocumentVersion
{
    /// <summary>When a seeded first version applies from: long before any record that reads it.</summary>
    public static readonly DateTime SeedEffectiveFrom = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>1, 2, 3 …: one more than the version the change was built on.</summary>
    public int Version { get; init; }

    public DateTime EffectiveFrom { get; init; }
    public DateTime CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";

    /// <summary>The longest <see cref="Note"/>: its column and the check of a change share it.</summary>
    public const int NoteLength = 2000;

    /// <summary>Why, as the person who made it said.</summary>
    public string Note { get; init; } = "";

    /// <summary>What changed from the version before, in a line an auditor reads (the documents themselves are kept).</summary>
    public string Summary { get; init; } = "";

    /// <summary>The whole document as JSON.</summary>
    public string Document { get; init; } = "";
}

/// <summary>The EF mapping every versioned document shares.</summary>
public static class DocumentVersionModel
{
    /// <summary>
    /// Maps <typeparamref name="TVersion"/> to <paramref name="table"/>: keyed by the version number (given, never
    /// generated, so two changes built on one version collide on it), indexed by effective time, append-only
    /// (ADR 0011), seeded with <paramref name="first"/>.
    /// </summary>
    public static EntityTypeBuilder<TVersion> IsDocumentVersions<TVersion>(this EntityTypeBuilder<TVersion> v, string table, TVersion first)
        where TVersion : DocumentVersion
    {
        v.ToTable(table);
        v.HasKey(x => x.Version);
        v.Property(x => x.Version).ValueGeneratedNever();
        v.Property(x => x.CreatedBy).HasMaxLength(200);
        v.Property(x => x.Note).HasMaxLength(DocumentVersion.NoteLength);
        v.Property(x => x.Summary).HasMaxLength(2000);
        v.HasIndex(x => x.EffectiveFrom);
        v.IsAppendOnly();
        v.HasData(first);
        return v;
    }
}
