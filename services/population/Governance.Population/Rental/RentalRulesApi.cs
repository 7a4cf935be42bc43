using Governance.Population.Persons;
using Governance.ServiceDefaults.Versioning;
using Microsoft.AspNetCore.Routing;

namespace Governance.Population.Rental;

/// <summary>
/// The rental grading rules as data under <c>/api/population/rental-rules</c> (<see cref="VersionedDocumentApi"/>): the
/// version in effect (or at <c>?at=</c>), every version with who, when and why, one version's document (<c>rules.read</c>),
/// and <c>PUT</c> to make a new one (<see cref="RentalRulesChanges"/>). A version in effect at once regrades the rentals
/// before the answer; one taking effect later, at the next scan after.
/// </summary>
public static class RentalRulesApi
{
    public static IEndpointRouteBuilder MapRentalRulesApi(this IEndpointRouteBuilder app)
    {
        app.MapVersionedDocumentApi<RentalRuleBook, RentalRulesChanges, RentalRulesVersion, RentalRules, RentalRulesChanges.Change>(
            "/api/population/rental-rules", PopulationPermissions.RulesRead);
        return app;
    }
}
