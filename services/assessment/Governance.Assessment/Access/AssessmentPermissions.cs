namespace Governance.Assessment.Access;

/// <summary>The permissions assessment checks (identity's role catalogue says which roles carry them).</summary>
public static class AssessmentPermissions
{
    /// <summary>Scorecards, rankings, indicator values and their records, letters: within the post's org subtree (assessors).</summary>
    public const string Read = "assessment.read";

    /// <summary>Draws up, versions and signs responsibility letters for departments within the post's org subtree (assessors).</summary>
    public const string Score = "assessment.score";

    /// <summary>The indicator library and replay: the whole service's (admins).</summary>
    public const string Manage = "assessment.manage";

    /// <summary>The caller's own department's letter, scorecard and records, and nothing else (department handlers).</summary>
    public const string DepartmentRead = "assessment.department.read";

    /// <summary>
    /// For the caller's own department only (department handlers): submits manual indicator values, reports monthly tasks
    /// done, contests an inspection finding. Reviewing them needs <see cref="Score"/> (or <see cref="Manage"/>) reaching the department.
    /// </summary>
    public const string DepartmentSubmit = "assessment.department.submit";
}
