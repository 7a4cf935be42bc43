namespace Governance.Population.Care;

/// <summary>
/// The permissions of care cases (identity's RoleCatalog says which roles carry them). Reading and writing
/// a case's content needs more than the permission: the caller must be the case's assigned worker.
/// </summary>
public static class CarePermissions
{
    /// <summary>Read the cases assigned to oneself (care workers).</summary>
    public const string Read = "care-case.read";

    /// <summary>Record visits on and close the cases assigned to oneself (care workers).</summary>
    public const string Write = "care-case.write";

    /// <summary>Open a case and assign or reassign its worker, without reading its content (centre leaders).</summary>
    public const string Assign = "care-case.assign";

    /// <summary>Read who read which case, when and why, within the auditor's subtree.</summary>
    public const string Audit = "care-case.audit";

    /// <summary>Counts of open cases per community and category, withheld under the minimum (centre leaders).</summary>
    public const string Figures = "care-case.figures";
}
