using Governance.Mediation.Data;
using Governance.ServiceDefaults.Problems;
using Governance.ServiceDefaults.Versioning;

namespace Governance.Mediation.Levels;

/// <summary>
/// The level rules as a versioned document (<see cref="VersionedDocuments{TVersion, TDocument}"/>): the
/// version in effect at a moment (what a case's starting level and level deadline come from), the latest,
/// a given one, and new versions (<see cref="LevelRulesChanges"/>).
/// </summary>
public sealed class LevelRuleBook(MediationDb db, TimeProvider clock) : VersionedDocuments<LevelRulesVersion, LevelRules>(db, clock)
{
    protected override string Serialize(LevelRules document) => document.ToJson();
    protected override LevelRules Deserialize(string json) => LevelRules.FromJson(json);
    protected override string Summarize(LevelRules after, LevelRules before) => after.Summary(before);
    protected override DomainException NoneInEffect(DateTime at) => DomainException.NotFound($"No level rules were in effect at {at:O}.");
    protected override DomainException NoSuchVersion(int version) => DomainException.NotFound($"No level rules version {version}.");
}
