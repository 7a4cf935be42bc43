namespace Governance.Console.Components.Admin;

/// <summary>
/// Where the administration pages live and what a post must carry to be offered them: reading accounts
/// (<c>user.read</c>, identity's admin role) for the org tree, users, posts and roles; managing the rules
/// (<c>rules.manage</c>, grid's) for categories, deadlines, escalation rules and calendars. The changes each need their
/// own permission at the record's node (identity's <c>org.manage</c>, <c>user.manage</c>, <c>department.manage</c>): a
/// post that does not carry it where the record lies is not offered the change. The services check every call again.
/// </summary>
public static class AdminPages
{
    public const string Orgs = ConsoleOptions.BasePath + "/admin";
    public const string Roles = ConsoleOptions.BasePath + "/admin/roles";
    public const string Rules = ConsoleOptions.BasePath + "/admin/rules";
    public const string Departments = ConsoleOptions.BasePath + "/admin/departments";

    public const string OrgsPermission = "user.read";
    public const string RulesPermission = "rules.manage";

    public const string OrgManagePermission = "org.manage";
    public const string UserManagePermission = "user.manage";
    public const string DepartmentManagePermission = "department.manage";
}
