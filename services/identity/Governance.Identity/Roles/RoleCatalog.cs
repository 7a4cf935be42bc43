namespace Governance.Identity.Roles;

/// <summary>
/// The roles every deployment starts with and the permissions each carries (seeded into the
/// database, where admins may change the permissions). Permissions are <c>area.action</c>; every
/// service, identity included (<see cref="IdentityPermissions"/>), checks them with the shared
/// <c>EnsurePermittedAsync(permission, recordOrg)</c>, never by role name. A permission added here
/// reaches existing databases only through a migration (<c>dotnet ef migrations add</c> turns the
/// change of this seed data into InsertData).
/// </summary>
public static class RoleCatalog
{
    public const string GridWorker = "grid_worker";
    public const string GridLeader = "grid_leader";
    public const string Mediator = "mediator";
    public const string CentreOperator = "centre_operator";
    public const string DepartmentHandler = "department_handler";
    public const string CareWorker = "care_worker";
    public const string CentreLeader = "centre_leader";
    public const string Investigator = "investigator";
    public const string Assessor = "assessor";
    public const string Admin = "admin";
    public const string Auditor = "auditor";
    public const string VideoAlertService = "video_alert_service";
    public const string AssessmentService = "assessment_service";
    public const string SearchService = "search_service";

    public sealed record Definition(string Name, string Description, bool RequiresSecondFactor, string[] Permissions);

    // search.query (investigators, centre operators): search finds, within the post's subtree, only the record
    // types the same role may read in their own services (incident.read, mediation.read, population.read, alert.read,
    // camera.read, grid.read): searching never reveals what the role could not open.
    public static readonly IReadOnlyList<Definition> Defaults =
    [
        new(GridWorker, "网格员: patrols a grid, reports incidents, takes disputes on site", false,
            ["grid.read", "incident.read", "incident.report", "patrol.write", "mediation.intake", "population.read", "population.register", "rules.read"]),
        new(GridLeader, "网格长: leads a grid's workers, verifies handled incidents", false,
            ["grid.read", "grid.staffing.read", "incident.read", "incident.report", "incident.verify", "patrol.read", "patrol.write",
             "mediation.intake", "population.read", "population.register", "rules.read", "camera.read", "alert.read"]),
        // mediation.contacts.reveal: a party's contact in clear, for a purpose, audited. Mediators call the parties;
        // the other roles holding mediation.read (centre operators, department handlers) see contacts masked.
        new(Mediator, "调解员: mediates disputes at their body's level", false,
            ["mediation.read", "mediation.intake", "mediation.work", "mediation.contacts.reveal", "rules.read"]),
        new(CentreOperator, "综治中心坐席: registers, dispatches, verifies and closes incidents", false,
            ["grid.read", "incident.read", "incident.register", "incident.dispatch", "incident.verify", "incident.close",
             "incident.escalate", "incident.extension.approve", "incident.report", "patrol.read", "video-alert.read", "mediation.read", "mediation.intake", "rules.read",
             "population.rules.manage", "camera.read", "alert.read", "alert.acknowledge", "search.query"]),
        // alert.department.read: the video alerts routed to their own department (video-alert's WatchAlerts), no org reach.
        // assessment.department.read: their own department's responsibility letter, scorecard and the records behind it, nothing else.
        // assessment.department.submit: for their own department only, manual indicator values and monthly tasks done (with evidence),
        // and contesting an inspection finding once; assessors review them.
        new(DepartmentHandler, "部门处置人员: accepts and handles incidents dispatched to their department", false,
            ["incident.read", "incident.report", "incident.accept", "incident.handle", "incident.extension.request", "mediation.read", "rules.read",
             "alert.department.read", "assessment.department.read", "assessment.department.submit"]),
        new(CareWorker, "关爱/帮扶工作人员: holds care and supervision cases by legal duty", false,
            ["population.read", "care-case.read", "care-case.write"]),
        // Opens care cases and (re)assigns their workers without reading them (care-case.assign); counts per community,
        // small ones withheld (care-case.figures). Reading a case's content is its assigned worker's alone.
        new(CentreLeader, "综治中心负责人: leads a centre; opens care cases and assigns their workers, reads care figures", false,
            ["care-case.assign", "care-case.figures"]),
        new(Investigator, "核查人员: looks up persons by identifier, every read audited", true,
            ["population.read", "population.identifier.lookup", "population.reveal", "search.query"]),
        new(Assessor, "考核人员: scores departments against their targets", false,
            ["assessment.read", "assessment.score"]),
        // rules.manage: the centre's rules as data (categories, deadlines, escalation, mediation levels, working-time calendars).
        // population.rules.manage (also the centre operators'): population's rules as data (rental grading), held at the county.
        // population.keys.manage: how many values each of population's encryption keys holds, and moving them to the current key.
        // camera.manage: registers video-alert's cameras and the lower platforms that register for them.
        // alert.rules.manage: video-alert's routing rules (which alerts become which grid incidents, maintenance or nothing).
        // assessment.manage: assessment's indicator library and the replay that rebuilds its facts from its event log.
        // search.manage: rebuilding search's index from its read model.
        new(Admin, "系统管理员: manages the org tree, departments, accounts, roles and clients", true,
            [IdentityPermissions.OrgManage, IdentityPermissions.DepartmentManage, IdentityPermissions.UserRead, IdentityPermissions.UserManage,
             IdentityPermissions.RoleManage, IdentityPermissions.ClientManage, IdentityPermissions.SigningKeyRotate,
             "grid.manage", "grid.read", "mediation.manage", "rules.read", "rules.manage", "population.rules.manage",
             "population.keys.manage", "camera.read", "camera.manage", "alert.rules.manage", "assessment.manage", "search.manage"]),
        new(Auditor, "审计员: reads the audit trail", false,
            [IdentityPermissions.AuditRead, "population.audit.read", "care-case.audit"]),
        // The video-alert router's service account (a client-credentials client at the county): it reports the incidents
        // alerts become, and can do nothing else.
        new(VideoAlertService, "视频告警服务账号: reports video alerts to grid as incidents", false, ["incident.report"]),
        // Assessment's service account (a client-credentials client at the county): it reads population's care-visit
        // counts per community (never a case or a person) for "care visits on time", and can do nothing else.
        new(AssessmentService, "考核服务账号: reads care-visit counts per community for assessment", false, ["care-case.figures"]),
        // Search's service account (a client-credentials client at the county): it reads incidents by id from grid to
        // index their title, description and address (search filters every query by the caller's own reach), and can
        // do nothing else.
        new(SearchService, "检索服务账号: reads incidents' text from grid for the search index", false, ["incident.read"]),
    ];
}
