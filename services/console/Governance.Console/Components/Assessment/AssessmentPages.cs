namespace Governance.Console.Components.Assessment;

/// <summary>
/// Where the assessment pages live and which permissions offer them: assessors (<c>assessment.read</c>) see rankings,
/// any department's scorecard and trend within their posts' subtrees, and published snapshots; a department's handlers
/// (<c>assessment.department.read</c>) their own department's scorecard and trend only (assessment resolves the department
/// from the token's <c>dept</c> and refuses any other); <c>assessment.manage</c> replays the event log. Assessment checks
/// every call again.
/// </summary>
public static class AssessmentPages
{
    public const string Ranking = ConsoleOptions.BasePath + "/assessment";
    public const string Scorecard = ConsoleOptions.BasePath + "/assessment/scorecard";
    public const string Trends = ConsoleOptions.BasePath + "/assessment/trends";
    public const string Published = ConsoleOptions.BasePath + "/assessment/published";
    public const string Replay = ConsoleOptions.BasePath + "/assessment/replay";

    public const string Read = "assessment.read", DepartmentRead = "assessment.department.read", Manage = "assessment.manage";

    /// <summary>A department's scorecard or trend: an assessor's, or a department handler's own.</summary>
    public static readonly string[] DepartmentReaders = [Read, DepartmentRead];

    /// <summary>The console's page of a department's scorecard for a period (a trend's month links here).</summary>
    public static string ScorecardOf(string departmentId, string period) =>
        $"{Scorecard}?department={Uri.EscapeDataString(departmentId)}&period={Uri.EscapeDataString(period)}";

    public static string TrendOf(string departmentId, int year) =>
        $"{Trends}?department={Uri.EscapeDataString(departmentId)}&year={year}";
}
