using System.Collections.Concurrent;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.ServiceDefaults.Versioning;

/// <summary>
/// A document a centre manages as data, kept as append-only versions (<typeparamref name="TVersion"/>):
/// reads the version in effect at a moment, the latest, or a given one, and makes a new version from a
/// whole new document built on the latest one the caller read (optimistic: <c>baseVersion</c>), effective
/// now or from a later time. A service derives one class per document, giving its JSON and its summary of
/// what changed; its REST endpoints are <see cref="VersionedDocumentApi"/>'s; its validation, who may change it, and
/// anything that must commit with a new version (a change-log line, tables projected from the document) stay its own.
/// </summary>
/// <remarks>
/// Versions never change once written, so parsed documents are kept per version for the life of the
/// process, keyed by version and creation time: in one process (the standalone host, the tests) several
/// databases may hold a version 2.
/// </remarks>
public abstract class VersionedDocuments<TVersion, TDocument>(DbContext db, TimeProvider clock)
    where TVersion : DocumentVersion, new()
    where TDocument : class
{
    /// <summary>How far in the past an effective time may lie and still mean "now" (clock skew between client and server).</summary>
    public static readonly TimeSpan Skew = TimeSpan.FromMinutes(1);

    private static readonly ConcurrentDictionary<(int, DateTime), TDocument> Parsed = new();

    /// <summary>Every version, for lists: newest first is the caller's to ask.</summary>
    public IQueryable<TVersion> Versions => db.Set<TVersion>().AsNoTracking();

    /// <summary>The document as JSON, as stored in <see cref="DocumentVersion.Document"/>.</summary>
    protected abstract string Serialize(TDocument document);

    /// <summary>The document stored as <paramref name="json"/>.</summary>
    protected abstract TDocument Deserialize(string json);

    /// <summary>What changed from <paramref name="before"/> to <paramref name="after"/>, in a line an auditor reads.</summary>
    protected abstract string Summarize(TDocument after, TDocument before);

    /// <summary>The refusal when no version was in effect at <paramref name="at"/>.</summary>
    protected virtual DomainException NoneInEffect(DateTime at) => DomainException.NotFound($"No rules were in effect at {at:O}.");

    /// <summary>The refusal for an unknown version number.</summary>
    protected virtual DomainException NoSuchVersion(int version) => DomainException.NotFound($"No rules version {version}.");

    /// <summary>The version in effect at <paramref name="at"/>: the latest effective time not after it (the later version on a tie).</summary>
    public async Task<DocumentInEffect<TDocument>> InEffectAsync(DateTime at, CancellationToken ct)
    {
        var header = await db.Set<TVersion>().AsNoTracking().Where(v => v.EffectiveFrom <= at)
            .OrderByDescending(v => v.EffectiveFrom).ThenByDescending(v => v.Version)
            .Select(v => new { v.Version, v.EffectiveFrom, v.CreatedAt }).FirstOrDefaultAsync(ct)
            ?? throw NoneInEffect(at);
        return new(header.Version, header.EffectiveFrom, await ParseAsync(header.Version, header.CreatedAt, ct));
    }

    /// <summary>The newest version, whether or not it is in effect yet: the one a change builds on.</summary>
    public Task<TVersion> LatestAsync(CancellationToken ct) => db.Set<TVersion>().AsNoTracking().OrderByDescending(v => v.Version).FirstAsync(ct);

    /// <summary>Version <paramref name="version"/>'s row: who, when, why, what.</summary>
    public async Task<TVersion> HeaderAsync(int version, CancellationToken ct) =>
        await db.Set<TVersion>().AsNoTracking().FirstOrDefaultAsync(v => v.Version == version, ct) ?? throw NoSuchVersion(version);

    /// <summary>Version <paramref name="version"/> with its document.</summary>
    public async Task<DocumentInEffect<TDocument>> VersionAsync(int version, CancellationToken ct)
    {
        var header = await db.Set<TVersion>().AsNoTracking().Where(v => v.Version == version).Select(v => new { v.Version, v.EffectiveFrom, v.CreatedAt })
            .FirstOrDefaultAsync(ct) ?? throw NoSuchVersion(version);
        return new(header.Version, header.EffectiveFrom, await ParseAsync(header.Version, header.CreatedAt, ct));
    }

    /// <summary>
    /// The document of a row at hand (e.g. the one <see cref="ChangeAsync"/> answered), parsed anew: its creation time
    /// has more precision than the database keeps, so it would not find or make the cached copy.
    /// </summary>
    public TDocument DocumentOf(TVersion version) => Deserialize(version.Document);

    /// <summary>
    /// Makes the next version from <paramref name="build"/>, which validates the caller's document against the
    /// latest one (refusing with 400s naming the field) and answers it. The header's faults are refused first,
    /// each naming its field; a stale <c>baseVersion</c>, or a change built on the same version committing first,
    /// is 409 <c>RulesChangedMeanwhile</c>. <paramref name="inTransaction"/> runs in the new version's
    /// transaction (again if the transaction is retried), with the new version and the time of the change.
    /// </summary>
    public async Task<TVersion> ChangeAsync(DocumentChange change, Func<TDocument, TDocument> build,
        Func<DocumentInEffect<TDocument>, TVersion, DateTime, CancellationToken, Task>? inTransaction, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (change.BaseVersion is not { } baseVersion) throw DomainException.Invalid("baseVersion", "Name the version your change is built on (the latest one you read).");
        var note = change.Note?.Trim();
        if (string.IsNullOrEmpty(note) || note.Length > DocumentVersion.NoteLength) throw DomainException.Invalid("note", "Say why the rules change (1 to 2000 characters).");
        var latest = await LatestAsync(ct);
        if (baseVersion != latest.Version) throw ChangedMeanwhile(baseVersion, latest.Version);
        var effectiveFrom = change.EffectiveFrom?.ToUniversalTime() ?? now;
        if (effectiveFrom < now - Skew) throw DomainException.Invalid("effectiveFrom", "A change cannot take effect in the past: give now (or leave it out) or a later time.");
        if (effectiveFrom < now) effectiveFrom = now;
        if (effectiveFrom < latest.EffectiveFrom)
            throw DomainException.Invalid("effectiveFrom", $"Version {latest.Version} takes effect at {latest.EffectiveFrom:O}; a later version cannot take effect before it.");
        var before = await ParseAsync(latest.Version, latest.CreatedAt, ct);
        var document = build(before);
        var version = new TVersion
        {
            Version = latest.Version + 1, EffectiveFrom = effectiveFrom, CreatedAt = now, CreatedBy = change.Actor, Note = note,
            Summary = Summarize(document, before), Document = Serialize(document),
        };
        var added = new DocumentInEffect<TDocument>(version.Version, effectiveFrom, document);
        db.Add(version);
        try
        {
            await db.SaveInOneTransactionAsync(attempt => inTransaction?.Invoke(added, version, now, attempt) ?? Task.CompletedTask, ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.IsUniqueViolation())
        {
            // Two changes built on the same version: the first one's number is taken.
            db.Entry(version).State = EntityState.Detached;
            throw ChangedMeanwhile(baseVersion, baseVersion + 1);
        }
        return version;
    }

    private async Task<TDocument> ParseAsync(int version, DateTime createdAt, CancellationToken ct)
    {
        if (Parsed.TryGetValue((version, createdAt), out var document)) return document;
        var json = await db.Set<TVersion>().AsNoTracking().Where(v => v.Version == version).Select(v => v.Document).SingleAsync(ct);
        return Parsed.GetOrAdd((version, createdAt), Deserialize(json));
    }

    private static DomainException ChangedMeanwhile(int baseVersion, int latest) =>
        DomainException.RuleViolated("RulesChangedMeanwhile",
            $"Your change is built on version {baseVersion}, but version {latest} is the latest: read it and make your change again.");
}
