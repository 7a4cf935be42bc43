using Governance.ServiceDefaults.Versioning;
using Microsoft.AspNetCore.Routing;

namespace Governance.Mediation.Levels;

/// <summary>
/// The level rules as data under <c>/api/mediation/rules</c> (<see cref="VersionedDocumentApi"/>): the version in effect
/// (or at <c>?at=</c>), every version with who, when and why, one version's document (<c>rules.read</c>), and <c>PUT</c>
/// to make a new one (<see cref="LevelRulesChanges"/>).
/// </summary>
public static class LevelRulesApi
{
    public static IEndpointRouteBuilder MapLevelRulesApi(this IEndpointRouteBuilder app)
    {
        app.MapVersionedDocumentApi<LevelRuleBook, LevelRulesChanges, LevelRulesVersion, LevelRules, LevelRulesChanges.Change>("/api/mediation/rules", LevelRulesChanges.Read);
        return app;
    }
}
