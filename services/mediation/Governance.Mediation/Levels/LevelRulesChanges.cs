using Governance.Mediation.Cases;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Governance.ServiceDefaults.Versioning;

namespace Governance.Mediation.Levels;

/// <summary>
/// Reading and changing the level rules. Reads need <c>rules.read</c>. A change needs
/// <c>rules.manage</c> held at the top of the org tree (a post at a root node: the county), is built
/// on the latest version the caller read (<c>baseVersion</c>), takes effect now or later, and becomes
/// a new version with who, when, why and what. Cases already placed keep their level deadline.
/// </summary>
public sealed class LevelRulesChanges(LevelRuleBook book, RolePermissions permissions) : IDocumentChanges<LevelRulesChanges.Change, LevelRulesVersion>
{
    public const string Read = "rules.read";
    public const string Manage = "rules.manage";

    public sealed record Change(int? BaseVersion, DateTime? EffectiveFrom, string? Note,
        IReadOnlyList<LevelRuleInput?>? LevelRules, ScaleThresholdInput? ScaleThreshold, IReadOnlyList<LevelDeadlineInput?>? LevelDeadlines);

    public sealed record LevelRuleInput(int? Priority, string? Category, string? Risk, string? Level);
    public sealed record ScaleThresholdInput(int? PeopleInvolved, decimal? Amount);
    public sealed record LevelDeadlineInput(string? Level, int? Days);

    public Task EnsureReadAsync(Caller caller, CancellationToken ct) => permissions.EnsureAnyRoleCarriesAsync(caller, Read, ct);

    public async Task<LevelRulesVersion> ChangeAsync(Caller caller, Change change, CancellationToken ct)
    {
        var posts = await permissions.PostsCarryingAsync(caller, Manage, ct);
        if (!posts.Any(p => !p.Org.Value.Contains('/')))
            throw DomainException.Forbidden($"Changing the level rules needs the permission '{Manage}' at the top of the org tree (the county).");
        return await book.ChangeAsync(new DocumentChange(change.BaseVersion, change.EffectiveFrom, change.Note, caller.Subject), _ => Validate(change),
            inTransaction: null, ct);
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

}
