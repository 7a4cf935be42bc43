using Governance.Grid.Data;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Versioning;

namespace Governance.Grid.Rules;

/// <summary>
/// A centre changes the rules: a new version of the document (<see cref="RuleBook"/>: built on the latest
/// one the caller read, effective now or from a later time), validated here, logged in the rules-change log
/// with who, when and what, and projected at once into the tables other features read when it applies now.
/// Running steps keep the deadlines they were given; steps started from the effective time on use the new version.
/// </summary>
public sealed class RulesChanges(GridDb db, RuleBook book, RulesAccess access, RulesProjection projection) : IDocumentChanges<RulesChanges.Change, RuleSetVersion>
{
    /// <summary>A new version: the whole document, the version it is built on, when it takes effect (now when absent) and why.</summary>
    public sealed record Change(int? BaseVersion, DateTime? EffectiveFrom, string? Note,
        IReadOnlyList<CategoryInput?>? Categories, IReadOnlyList<EscalationRuleInput?>? EscalationRules);

    public async Task<RuleSetVersion> ChangeAsync(Caller caller, Change change, CancellationToken ct)
    {
        await access.EnsureManageEverywhereAsync(caller, ct);
        return await book.ChangeAsync(new DocumentChange(change.BaseVersion, change.EffectiveFrom, change.Note, caller.Subject),
            before => RulesValidation.Validate(new GridRulesInput(change.Categories, change.EscalationRules), before),
            async (added, version, now, attempt) =>
            {
                var line = $"effective {added.EffectiveFrom:O}: {version.Summary}; {version.Note}";
                db.Add(new RulesChange { At = now, Actor = caller.Subject, Subject = $"rules v{version.Version}", Summary = line.Length > 2000 ? line[..2000] : line });
                if (added.EffectiveFrom <= now) await projection.ApplyAsync(added, attempt);
            }, ct);
    }
}
