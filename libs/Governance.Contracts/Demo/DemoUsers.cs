namespace Governance.Contracts.Demo;

/// <summary>
/// The standalone demo's accounts that another service's demo seed refers to by user id (the subject of their
/// tokens), fixed as <see cref="DemoDepartments"/> are: identity creates them, population assigns the demo care
/// cases to the care worker. Demo data only.
/// </summary>
public static class DemoUsers
{
    /// <summary>demo-care-worker (演示-关爱工作人员), at the first demo community.</summary>
    public static readonly Guid CareWorker = new("d0000000-0000-4000-8000-0000000000c1");

    /// <summary>demo-grid-worker (演示-网格员), at the first demo grid.</summary>
    public static readonly Guid GridWorker = new("d0000000-0000-4000-8000-0000000000a1");
}
