namespace Governance.Grid.Tests.Infrastructure;

/// <summary>
/// The permissions the identity service's default roles carry (its RoleCatalog), as far as the grid
/// service asks: served by the test issuer's roles document, as identity serves them.
/// </summary>
internal static class GridRoles
{
    public static Dictionary<string, string[]> Defaults() => new()
    {
        ["grid_worker"] = ["grid.read", "incident.read", "incident.report", "patrol.write"],
        ["grid_leader"] = ["grid.read", "grid.staffing.read", "incident.read", "incident.report", "incident.verify", "patrol.read", "patrol.write"],
        ["centre_operator"] = ["grid.read", "incident.read", "incident.report", "incident.register", "incident.dispatch", "incident.verify",
            "incident.close", "incident.escalate", "incident.extension.approve", "patrol.read"],
        ["department_handler"] = ["incident.read", "incident.report", "incident.accept", "incident.handle", "incident.extension.request"],
        ["admin"] = ["grid.manage", "grid.read"],
        ["mediator"] = ["mediation.read"],
    };
}
