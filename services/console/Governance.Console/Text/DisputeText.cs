namespace Governance.Console.Text;

/// <summary>Mediation's states, levels, categories, purposes and history actions in words, Chinese first.</summary>
public static class DisputeText
{
    public static readonly string[] States =
        ["registered", "in_mediation", "referred", "settled", "partially_settled", "failed", "closed", "declined", "withdrawn"];

    public static readonly string[] Levels = ["grid", "community", "street", "county"];

    public static readonly string[] Categories =
        ["neighbour", "family_and_marriage", "land_and_property", "labour_and_wages", "property_management", "traffic_accident", "medical", "consumer", "contract", "other"];

    /// <summary>Why a contact is revealed: mediation's purpose codes (its audit trail counts them).</summary>
    public static readonly string[] Purposes = ["arrange_session", "deliver_documents", "performance_check", "follow_up_visit", "judicial_confirmation", "other"];

    public static string State(ConsoleLanguage l, string state) => state switch
    {
        "registered" => l.T("已登记", "Registered"),
        "in_mediation" => l.T("调解中", "In mediation"),
        "referred" => l.T("已移送", "Referred"),
        "settled" => l.T("调解成功", "Settled"),
        "partially_settled" => l.T("部分调解成功", "Partly settled"),
        "failed" => l.T("调解不成", "Not settled"),
        "closed" => l.T("已结案", "Closed"),
        "declined" => l.T("不予受理", "Declined"),
        "withdrawn" => l.T("已撤回", "Withdrawn"),
        _ => state,
    };

    public static string Level(ConsoleLanguage l, string? level) => level switch
    {
        "grid" => l.T("网格", "Grid"),
        "community" => l.T("社区", "Community"),
        "street" => l.T("街道", "Street"),
        "county" => l.T("县（区）", "County"),
        null => "—",
        _ => level,
    };

    public static string Category(ConsoleLanguage l, string category) => category switch
    {
        "neighbour" => l.T("邻里纠纷", "Neighbours"),
        "family_and_marriage" => l.T("婚姻家庭", "Family and marriage"),
        "land_and_property" => l.T("土地房屋", "Land and property"),
        "labour_and_wages" => l.T("劳动争议与欠薪", "Labour and wages"),
        "property_management" => l.T("物业纠纷", "Property management"),
        "traffic_accident" => l.T("交通事故", "Traffic accident"),
        "medical" => l.T("医疗纠纷", "Medical"),
        "consumer" => l.T("消费纠纷", "Consumer"),
        "contract" => l.T("合同纠纷", "Contract"),
        "other" => l.T("其他", "Other"),
        _ => category,
    };

    public static string Purpose(ConsoleLanguage l, string purpose) => purpose switch
    {
        "arrange_session" => l.T("通知调解", "Arrange a session"),
        "deliver_documents" => l.T("送达文书", "Deliver documents"),
        "performance_check" => l.T("履行回访", "Check performance"),
        "follow_up_visit" => l.T("案件回访", "Follow-up visit"),
        "judicial_confirmation" => l.T("司法确认", "Judicial confirmation"),
        "other" => l.T("其他（请说明）", "Other (say which)"),
        _ => purpose,
    };

    public static string Role(ConsoleLanguage l, string role) => role switch
    {
        "applicant" => l.T("申请人", "Applicant"),
        "respondent" => l.T("被申请人", "Respondent"),
        _ => l.T("其他当事人", "Other party"),
    };

    public static string Action(ConsoleLanguage l, string action) => action switch
    {
        "register" => l.T("登记", "Registered"),
        "data_changed" => l.T("补充案件信息", "Data completed"),
        "party_added" => l.T("添加当事人", "Party added"),
        "party_removed" => l.T("删除当事人", "Party removed"),
        "assign" => l.T("指派调解员", "Mediator assigned"),
        "session" => l.T("调解", "Session"),
        "settled" => l.T("达成调解协议", "Agreement reached"),
        "partially_settled" => l.T("达成部分协议", "Partial agreement"),
        "failed" => l.T("调解不成", "Not settled"),
        "escalate" => l.T("升级", "Escalated"),
        "refer" => l.T("移送", "Referred"),
        "acknowledge" => l.T("接收", "Acknowledged"),
        "performance" => l.T("履行情况", "Performance"),
        "follow_up" => l.T("回访", "Follow-up"),
        "judicial_confirmation_requested" => l.T("申请司法确认", "Judicial confirmation requested"),
        "declined" => l.T("不予受理", "Declined"),
        "withdrawn" => l.T("撤回", "Withdrawn"),
        _ => action,
    };
}
