namespace Governance.Console.Text;

/// <summary>The incident loop's states, warnings and timeline actions in words, Chinese first.</summary>
public static class IncidentText
{
    public static readonly string[] States =
        ["reported", "registered", "rejected", "dispatched", "returned", "accepted", "handled", "verified", "closed", "evaluated", "merged", "handedover"];

    public static string State(ConsoleLanguage l, string state) => state switch
    {
        "reported" => l.T("已上报", "Reported"),
        "registered" => l.T("已立案", "Registered"),
        "rejected" => l.T("不予立案", "Rejected"),
        "dispatched" => l.T("已派遣", "Dispatched"),
        "returned" => l.T("已退单", "Returned"),
        "accepted" => l.T("处置中", "Accepted"),
        "handled" => l.T("已处置", "Handled"),
        "verified" => l.T("已核查", "Verified"),
        "closed" => l.T("已结案", "Closed"),
        "evaluated" => l.T("已评价", "Evaluated"),
        "merged" => l.T("已合并", "Merged"),
        "handedover" => l.T("已移交调解", "Handed over to mediation"),
        _ => state,
    };

    /// <summary>The ways an incident comes in, as grid names them.</summary>
    public static readonly string[] Sources = ["patrol", "citizen", "hotline", "video_alert", "department"];

    public static string Source(ConsoleLanguage l, string source) => source switch
    {
        "patrol" => l.T("网格巡查", "Grid patrol"),
        "citizen" => l.T("群众上报", "Citizen"),
        "hotline" => l.T("热线", "Hotline"),
        "video_alert" => l.T("视频告警", "Video alert"),
        "department" => l.T("部门上报", "Department"),
        _ => source,
    };

    public static string Warning(ConsoleLanguage l, string warning) => warning switch
    {
        "yellow" => l.T("黄色预警", "Yellow warning"),
        "red" => l.T("红色预警", "Red warning"),
        _ => l.T("正常", "On time"),
    };

    public static string Urgency(ConsoleLanguage l, string urgency) => urgency switch
    {
        "urgent" => l.T("紧急", "Urgent"),
        "critical" => l.T("特急", "Critical"),
        _ => l.T("一般", "Normal"),
    };

    /// <summary>Beijing time (UTC+8), as the centres read it.</summary>
    public static string Local(DateTime? utc) =>
        utc is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc).AddHours(8).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "—";
}
