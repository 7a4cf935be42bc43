using Governance.Grid.Data;
using Governance.ServiceDefaults.Versioning;

namespace Governance.Grid.Rules;

/// <summary>
/// The grid's rules as a versioned document (<see cref="VersionedDocuments{TVersion, TDocument}"/>): the
/// version in effect at a moment (what a step's deadline is computed from), the latest, a given one, and
/// new versions (<see cref="RulesChanges"/>).
/// </summary>
public sealed class RuleBook(GridDb db, TimeProvider clock) : VersionedDocuments<RuleSetVersion, GridRules>(db, clock)
{
    protected override string Serialize(GridRules document) => document.ToJson();
    protected override GridRules Deserialize(string json) => GridRules.FromJson(json);
    protected override string Summarize(GridRules after, GridRules before) => after.Summary(before);
}
