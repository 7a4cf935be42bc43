using Governance.Grid.Data;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;

namespace Governance.Grid.Rules;

/// <summary>
/// A centre changes the rules: a new version built on the latest one the caller read (optimistic:
/// <c>baseVersion</c> must still be the latest), effective now or from a later time, logged with who,
/// when and what. Running steps keep the deadlines they were given; steps started from the effective
/// time on use the new version.
/// </summary>
public sealed class RulesChanges(GridDb db, RuleBook book, RulesAccess access, RulesProjection projection, TimeProvider clock)
{
    /// <summary>How far in the past an effective time may lie and still mean "now" (clock skew between client and server).</summary>
    public static readonly TimeSpan Skew = TimeSpan.FromMinutes(1);

    public sealed record Change(int? BaseVersion, DateTime? EffectiveFrom, string? Note, GridRulesInput Rules);

    public async Task<RuleSetVersion> ChangeAsync(Caller caller, Change change, CancellationToken ct)
    {
        await access.EnsureManageEverywhereAsync(caller, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (change.BaseVersion is not { } baseVersion) throw DomainException.Invalid("baseVersion", "Name the version your change is built on (the latest one you read).");
        var note = change.Note?.Trim();
        if (string.IsNullOrEmpty(note) || note.Length > 2000) throw DomainException.Invalid("note", "Say why the rules change (1 to 2000 characters).");
        var latest = await book.LatestAsync(ct);
        if (baseVersion != latest.Version) throw ChangedMeanwhile(baseVersion, latest.Version);
        var effectiveFrom = change.EffectiveFrom?.ToUniversalTime() ?? now;
        if (effectiveFrom < now - Skew) throw DomainException.Invalid("effectiveFrom", "A change cannot take effect in the past: give now (or leave it out) or a later time.");
        if (effectiveFrom < now) effectiveFrom = now;
        if (effectiveFrom < latest.EffectiveFrom)
            throw DomainException.Invalid("effectiveFrom", $"Version {latest.Version} takes effect at {latest.EffectiveFrom:O}; a later version cannot take effect before it.");
        var before = GridRules.FromJson(latest.Document);
        var rules = RulesValidation.Validate(change.Rules, before);
        var version = new RuleSetVersion
        {
            Version = latest.Version + 1, EffectiveFrom = effectiveFrom, CreatedAt = now, CreatedBy = caller.Subject, Note = note,
            Summary = rules.Summary(before), Document = rules.ToJson(),
        };
        db.Add(version);
        var line = $"effective {effectiveFrom:O}: {version.Summary}; {note}";
        db.Add(new RulesChange { At = now, Actor = caller.Subject, Subject = $"rules v{version.Version}", Summary = line.Length > 2000 ? line[..2000] : line });
        try
        {
            await db.SaveInOneTransactionAsync(async attempt =>
            {
                if (effectiveFrom <= now) await projection.ApplyAsync(new RulesInEffect(version.Version, effectiveFrom, rules), attempt);
            }, ct);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException e) when (e is Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException || e.IsUniqueViolation())
        {
            // Two changes built on the same version: the first one's number is taken.
            throw ChangedMeanwhile(baseVersion, baseVersion + 1);
        }
        return version;
    }

    private static DomainException ChangedMeanwhile(int baseVersion, int latest) =>
        DomainException.RuleViolated("RulesChangedMeanwhile",
            $"Your change is built on version {baseVersion}, but version {latest} is the latest: read it and make your change again.");
}
