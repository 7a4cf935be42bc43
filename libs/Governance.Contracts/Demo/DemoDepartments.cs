namespace Governance.Contracts.Demo;

/// <summary>
/// The standalone demo's member departments, with fixed ids so that each service's demo seed can
/// refer to them without asking another service: identity creates them, grid dispatches to them.
/// Demo data only; real departments get ids when an admin creates them.
/// </summary>
public static class DemoDepartments
{
    public static readonly Guid PublicSecurity = new("d0000000-0000-4000-8000-000000000001");
    public static readonly Guid Justice = new("d0000000-0000-4000-8000-000000000002");
    public static readonly Guid CivilAffairs = new("d0000000-0000-4000-8000-000000000003");
    public static readonly Guid UrbanManagement = new("d0000000-0000-4000-8000-000000000004");
    public static readonly Guid LettersAndVisits = new("d0000000-0000-4000-8000-000000000005");
    public static readonly Guid MarketRegulation = new("d0000000-0000-4000-8000-000000000006");
}
