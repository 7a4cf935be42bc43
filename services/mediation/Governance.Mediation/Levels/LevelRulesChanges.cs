using Governance.Mediation.Cases;
using Governance.Mediation.Data;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Mediation.Levels;

/// <summary>
/// Reading and changing the level rules. Reads need <c>rules.read</c>. A change needs
/// <c>rules.manage</c> held at the top of the org tree (a post at a root node: the county), is built
/// on the latest version the caller read (<c>baseVersion</c>), takes effect now or later, and becomes
/// a new version with who, when, why and what. Cases already placed keep their level deadline.
/// </summary>
public sealed class LevelRulesChanges(MediationDb db, LevelRuleBook book, RolePermissions permissions, TimeProvider clock)
{
    public const string Read = "rules.read";
    public const string Manage = "rules.manage";
    public static readonly TimeSpan Skew = TimeSpan.FromMinutes(1);

    public sealed record Change(int? BaseVersion, DateTime? EffectiveFrom, string? Note,
        IReadOnlyList<LevelRuleInput?>? LevelRules, ScaleThresholdInput? ScaleThreshold, IReadOnlyList<LevelDeadlineInput?>? LevelDeadlines);

    public sealed record LevelRuleInput(int? Priority, string? Category, string? Risk, string? Level);
    public sealed record ScaleThresholdInput(int? PeopleInvolved, decimal? Amount);
    public sealed record LevelDeadlineInput(string? Level, int? Days);

    public async Task EnsureReadAsync(Caller caller, CancellationToken ct)
    {
        if (!await permissions.PermitsAsync(caller.Roles, Read, ct))
            throw DomainException.Forbidden($"This needs the permission '{Read}', which none of your roles carries.");
    }

    public async Task<LevelRulesVersion> ChangeAsync(Caller caller, Change change, CancellationToken ct)
    {
        var posts = await permissions.PostsCarryingAsync(caller, Manage, ct);
        if (!posts.Any(p => !p.Org.Value.Contains('/')))
            throw DomainException.Forbidden($"Changing the level rules needs the permission '{Manage}' at the top of the org tree (the county).");
        var now = clock.GetUtcNow().UtcDateTime;
        if (change.BaseVersion is not { } baseVersion) throw DomainException.Invalid("baseVersion", "Name the version your change is built on (the latest one you read).");
        var note = change.Note?.Trim();
        if (string.IsNullOrEmpty(note) || note.Length > Data.TextLimits.RulesNote) throw DomainException.Invalid("note", "Say why the rules change (1 to 2000 characters).");
        var latest = await book.LatestAsync(ct);
        if (baseVersion != latest.Version) throw ChangedMeanwhile(baseVersion, latest.Version);
        var effectiveFrom = change.EffectiveFrom?.ToUniversalTime() ?? now;
        if (effectiveFrom < now - Skew) throw DomainException.Invalid("effectiveFrom", "A change cannot take effect in the past: give now (or leave it out) or a later time.");
        if (effectiveFrom < now) effectiveFrom = now;
        if (effectiveFrom < latest.EffectiveFrom)
            throw DomainException.Invalid("effectiveFrom", $"Version {latest.Version} takes effect at {latest.EffectiveFrom:O}; a later version cannot take effect before it.");
        var rules = Validate(change);
        var version = new LevelRulesVersion
        {
            Version = latest.Version + 1, EffectiveFrom = effectiveFrom, CreatedAt = now, CreatedBy = caller.Subject, Note = note,
            Summary = rules.Summary(LevelRules.FromJson(latest.Document)), Document = rules.ToJson(),
        };
        db.Add(version);
        await db.SaveOrConflictAsync(() => ChangedMeanwhile(baseVersion, baseVersion + 1), ct: ct);
        return version;
    }

    private static LevelRules Validate(Change change)
    {
        if (change.LevelRules is not { Count: > 0 and <= 100 } given) throw DomainException.Invalid("levelRules", "Give the full list of level rules (1 to 100).");
        var rules = new List<LevelRule>();
        for (var i = 0; i < given.Count; i++)
        {
            var f = $"levelRules[{i}]";
            var r = given[i] ?? throw DomainException.Invalid(f, "A level rule is an object.");
            if (r.Priority is not (>= 0 and <= 10_000)) throw DomainException.Invalid($"{f}.priority", "The priority is 0 to 10000 (lower wins).");
            if (r.Category is not null && CaseNames.Parse<DisputeCategory>(r.Category) is null)
                throw DomainException.Invalid($"{f}.category", $"'{r.Category}' is not one of {Names<DisputeCategory>()} (null matches any).");
            if (CaseNames.Parse<RiskLevel>(r.Risk) is null) throw DomainException.Invalid($"{f}.risk", $"The risk is one of {Names<RiskLevel>()}.");
            if (CaseNames.Parse<MediationLevel>(r.Level) is null) throw DomainException.Invalid($"{f}.level", $"The level is one of {Names<MediationLevel>()}.");
            var rule = new LevelRule(r.Priority.Value, r.Category?.Trim().ToLowerInvariant(), r.Risk!.Trim().ToLowerInvariant(), r.Level!.Trim().ToLowerInvariant());
            if (rules.Any(x => x.Category == rule.Category && x.Risk == rule.Risk)) throw DomainException.Invalid(f, "Another rule already gives a level for this category and risk.");
            rules.Add(rule);
        }
        foreach (var risk in Enum.GetValues<RiskLevel>().Select(CaseNames.Of).Where(risk => rules.All(r => r.Category is not null || r.Risk != risk)))
            throw DomainException.Invalid("levelRules", $"Give a rule for any category at risk '{risk}' (category null), so that every case has a level.");
        var scale = change.ScaleThreshold ?? throw DomainException.Invalid("scaleThreshold", "Give the scale threshold (people involved and amount).");
        if (scale.PeopleInvolved is not (>= 2 and <= 100_000)) throw DomainException.Invalid("scaleThreshold.peopleInvolved", "People involved is 2 to 100000.");
        if (scale.Amount is not (>= 0 and <= 999_999_999_999m)) throw DomainException.Invalid("scaleThreshold.amount", "The amount is 0 to 999999999999 yuan.");
        if (change.LevelDeadlines is not { } deadlines || deadlines.Count != Enum.GetValues<MediationLevel>().Length)
            throw DomainException.Invalid("levelDeadlines", $"Give one deadline for each level ({Names<MediationLevel>()}).");
        var days = new List<LevelDeadline>();
        for (var i = 0; i < deadlines.Count; i++)
        {
            var f = $"levelDeadlines[{i}]";
            var d = deadlines[i] ?? throw DomainException.Invalid(f, "A level deadline is an object.");
            if (CaseNames.Parse<MediationLevel>(d.Level) is not { } level) throw DomainException.Invalid($"{f}.level", $"The level is one of {Names<MediationLevel>()}.");
            if (d.Days is not (>= 1 and <= 365)) throw DomainException.Invalid($"{f}.days", "A level has 1 to 365 days.");
            if (days.Any(x => x.Level == CaseNames.Of(level))) throw DomainException.Invalid($"{f}.level", $"The level {CaseNames.Of(level)} is given twice.");
            days.Add(new LevelDeadline(CaseNames.Of(level), d.Days.Value));
        }
        return new LevelRules(rules, new ScaleThreshold(scale.PeopleInvolved.Value, scale.Amount.Value), days);
    }

    private static string Names<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(CaseNames.Of));

    private static DomainException ChangedMeanwhile(int baseVersion, int latest) =>
        DomainException.RuleViolated("RulesChangedMeanwhile",
            $"Your change is built on version {baseVersion}, but version {latest} is the latest: read it and make your change again.");
}
