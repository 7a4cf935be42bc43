namespace Governance.Mediation.Tests.Infrastructure;

/// <summary>The permissions identity's default roles carry, as far as the mediation service asks (identity's RoleCatalog).</summary>
internal static class MediationRoles
{
    public static Dictionary<string, string[]> Defaults() => new()
    {
        ["grid_worker"] = ["mediation.intake"],
        ["grid_leader"] = ["mediation.intake"],
        ["mediator"] = ["mediation.read", "mediation.intake", "mediation.work"],
        ["centre_operator"] = ["mediation.read", "mediation.intake"],
        ["department_handler"] = ["mediation.read"],
        ["admin"] = ["mediation.manage"],
    };
}
