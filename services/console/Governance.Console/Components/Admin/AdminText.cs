namespace Governance.Console.Components.Admin;

/// <summary>The administration pages' words for the services' codes (org levels, roles, steps, urgencies, day kinds).</summary>
public static class AdminText
{
    public static string Level(ConsoleLanguage l, string level) => level switch
    {
        "province" => l.T("省", "Province"),
        "prefecture" => l.T("市", "Prefecture"),
        "county" => l.T("县（市、区）", "County"),
        "street" => l.T("街道（乡镇）", "Street"),
        "community" => l.T("社区（村）", "Community"),
        "grid" => l.T("网格", "Grid"),
        _ => level,
    };

    public static string Role(ConsoleLanguage l, string role) => role switch
    {
        "grid_worker" => l.T("网格员", "Grid worker"),
        "grid_leader" => l.T("网格长", "Grid leader"),
        "mediator" => l.T("调解员", "Mediator"),
        "centre_operator" => l.T("综治中心坐席", "Centre operator"),
        "centre_leader" => l.T("综治中心负责人", "Centre leader"),
        "department_handler" => l.T("部门处置人员", "Department handler"),
        "care_worker" => l.T("关爱工作人员", "Care worker"),
        "investigator" => l.T("核查人员", "Investigator"),
        "assessor" => l.T("考核人员", "Assessor"),
        "admin" => l.T("系统管理员", "Administrator"),
        "auditor" => l.T("审计员", "Auditor"),
        _ => role,
    };

    public static readonly string[] Steps = ["register", "dispatch", "accept", "handle", "verify"];
    public static readonly string[] Urgencies = ["normal", "urgent", "critical"];

    public static string Step(ConsoleLanguage l, string step) => step switch
    {
        "register" => l.T("立案", "Register"),
        "dispatch" => l.T("派遣", "Dispatch"),
        "accept" => l.T("签收", "Accept"),
        "handle" => l.T("处置", "Handle"),
        "verify" => l.T("核查", "Verify"),
        _ => step,
    };

    public static string Urgency(ConsoleLanguage l, string urgency) => urgency switch
    {
        "urgent" => l.T("紧急", "Urgent"),
        "critical" => l.T("特急", "Critical"),
        _ => l.T("一般", "Normal"),
    };

    public static string DayKind(ConsoleLanguage l, string kind) => kind == "workday" ? l.T("调休上班", "Make-up working day") : l.T("节假日", "Holiday");

    public static string Status(ConsoleLanguage l, string status) => status switch
    {
        "active" => l.T("正常", "Active"),
        "disabled" => l.T("已停用", "Disabled"),
        _ => status,
    };

    /// <summary>Identity's department kinds (snake_case on the wire), in the order of its enum.</summary>
    public static readonly string[] DepartmentKinds =
    [
        "public_security", "justice", "civil_affairs", "housing", "urban_management", "market_regulation", "health",
        "letters_and_visits", "human_resources", "emergency", "environment", "education", "governance_office", "other",
    ];

    public static string DepartmentKind(ConsoleLanguage l, string kind) => kind switch
    {
        "public_security" => l.T("公安", "Public security"),
        "justice" => l.T("司法", "Justice"),
        "civil_affairs" => l.T("民政", "Civil affairs"),
        "housing" => l.T("住房城乡建设", "Housing"),
        "urban_management" => l.T("城市管理", "Urban management"),
        "market_regulation" => l.T("市场监管", "Market regulation"),
        "health" => l.T("卫生健康", "Health"),
        "letters_and_visits" => l.T("信访", "Letters and visits"),
        "human_resources" => l.T("人力资源社会保障", "Human resources"),
        "emergency" => l.T("应急管理", "Emergency management"),
        "environment" => l.T("生态环境", "Environment"),
        "education" => l.T("教育", "Education"),
        "governance_office" => l.T("综治中心", "Governance office"),
        "other" => l.T("其他", "Other"),
        _ => kind,
    };
}
