using Governance.Population.Data;
using Governance.ServiceDefaults.Problems;
using Governance.ServiceDefaults.Versioning;

namespace Governance.Population.Rental;

/// <summary>
/// The rental grading rules as a versioned document (<see cref="VersionedDocuments{TVersion, TDocument}"/>): the
/// version in effect at a moment (what an inspection is graded by), the latest, a given one, and new versions
/// (<see cref="RentalRulesChanges"/>).
/// </summary>
public sealed class RentalRuleBook(PopulationDb db, TimeProvider clock) : VersionedDocuments<RentalRulesVersion, RentalRules>(db, clock)
{
    protected override string Serialize(RentalRules document) => document.ToJson();
    protected override RentalRules Deserialize(string json) => RentalRules.FromJson(json);
    protected override string Summarize(RentalRules after, RentalRules before) => after.Summary(before);
    protected override DomainException NoneInEffect(DateTime at) => DomainException.NotFound($"No rental rules were in effect at {at:O}.");
    protected override DomainException NoSuchVersion(int version) => DomainException.NotFound($"No rental rules version {version}.");
}
