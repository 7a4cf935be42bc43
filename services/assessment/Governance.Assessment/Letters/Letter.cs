using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Assessment.Letters;

/// <summary>
/// A member department's responsibility letter (目标责任书) for a year: one per department and year, made of versions.
/// The version in force is the latest signed one; a signed version never changes, a change is a new version.
/// </summary>
public sealed class Letter
{
    public Guid Id { get; init; }
    public required string DepartmentId { get; init; }
    public int Year { get; init; }

    /// <summary>The department's org node when the letter was made: whose assessors may read and change it.</summary>
    public required string OrgPath { get; init; }
    public DateTime CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
}

/// <summary>
/// One version of a letter: its items (indicator, target, weight, scoring rule) as JSON, a draft until signed. Signing
/// records who and when, and from then on the version is final (<see cref="LetterBook"/> refuses any change).
/// </summary>
public sealed class LetterVersion
{
    public Guid LetterId { get; init; }
    public int Version { get; init; }
    public required string Items { get; set; }
    public string Note { get; set; } = "";
    public DateTime CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public DateTime ChangedAt { get; set; }
    public DateTime? SignedAt { get; set; }
    public string? SignedBy { get; set; }

    /// <summary>Optimistic concurrency: a change and a signature racing, the loser is refused rather than lost.</summary>
    public int Revision { get; set; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web);

    public IReadOnlyList<LetterItem> ItemList() => ItemsOf(Items);

    public static IReadOnlyList<LetterItem> ItemsOf(string json) => JsonSerializer.Deserialize<List<LetterItem>>(json, Json) ?? [];

    public static string ToJson(IReadOnlyList<LetterItem> items) => JsonSerializer.Serialize(items, Json);
}

/// <summary>
/// One line of a letter: an indicator from the library, the points it is worth and how they are earned.
/// <list type="bullet">
/// <item><c>linear</c>: the full weight at the target, none at the floor, in proportion between (a floor above the
/// target means lower is better);</item>
/// <item><c>threshold</c>: the full weight when the value meets the target (at or above it, or at or below it for an
/// indicator where lower is better), none otherwise;</item>
/// <item><c>deduction</c>: the weight less <c>perCase</c> for each case the indicator counts, never below zero;</item>
/// <item><c>bonus</c>: <c>perCase</c> for each case counted, up to the weight, added on top.</item>
/// </list>
/// A rate with nothing to count (no incident closed in the period) earns the full weight under linear and threshold:
/// there was nothing to hold against the department; the scorecard says so (<c>noRecords</c>).
/// </summary>
public sealed record LetterItem(string Indicator, decimal Weight, string Rule, decimal? Floor, decimal? Target, decimal? PerCase);

/// <summary>The scoring rules a letter item may use.</summary>
public static class ScoringRules
{
    public const string Linear = "linear";
    public const string Threshold = "threshold";
    public const string Deduction = "deduction";
    public const string Bonus = "bonus";
    public static readonly string[] All = [Linear, Threshold, Deduction, Bonus];
}

internal sealed class LetterConfiguration : IEntityTypeConfiguration<Letter>, IEntityTypeConfiguration<LetterVersion>
{
    public void Configure(EntityTypeBuilder<Letter> l)
    {
        l.ToTable("letters");
        l.HasKey(x => x.Id);
        l.Property(x => x.DepartmentId).HasMaxLength(64);
        l.Property(x => x.OrgPath).HasMaxLength(256);
        l.Property(x => x.CreatedBy).HasMaxLength(200);
        l.HasIndex(x => new { x.DepartmentId, x.Year }).IsUnique();
        l.HasIndex(x => new { x.Year, x.OrgPath });
    }

    public void Configure(EntityTypeBuilder<LetterVersion> v)
    {
        v.ToTable("letter_versions");
        v.HasKey(x => new { x.LetterId, x.Version });
        v.Property(x => x.Version).ValueGeneratedNever();
        v.Property(x => x.Note).HasMaxLength(2000);
        v.Property(x => x.CreatedBy).HasMaxLength(200);
        v.Property(x => x.SignedBy).HasMaxLength(200);
        v.Property(x => x.Revision).IsConcurrencyToken();
        v.HasOne<Letter>().WithMany().HasForeignKey(x => x.LetterId).OnDelete(DeleteBehavior.Restrict);
    }
}
