namespace Governance.Console.Text;

/// <summary>Video alerts' kinds, statuses and camera states in words, Chinese first.</summary>
public static class AlertText
{
    public static readonly string[] Statuses = ["open", "routed", "acknowledged", "resolved"];

    public static string Kind(ConsoleLanguage l, string kind) => kind switch
    {
        "fire_smoke" => l.T("烟火", "Fire or smoke"),
        "flooding" => l.T("积水内涝", "Flooding"),
        "intrusion" => l.T("区域入侵", "Intrusion"),
        "crowd_density" => l.T("人员聚集", "Crowd density"),
        "abandoned_object" => l.T("物品遗留", "Abandoned object"),
        "road_blocked" => l.T("道路阻塞", "Road blocked"),
        "video_loss" => l.T("视频丢失", "Video loss"),
        "tampering" => l.T("遮挡破坏", "Tampering"),
        "storage_fault" => l.T("存储故障", "Storage fault"),
        "device_flapping" => l.T("设备频繁掉线", "Device flapping"),
        _ => l.T("其他", "Other"),
    };

    public static string Status(ConsoleLanguage l, string status) => status switch
    {
        "open" => l.T("待派转", "Open"),
        "routed" => l.T("已派转", "Routed"),
        "acknowledged" => l.T("已确认", "Acknowledged"),
        "resolved" => l.T("已解决", "Resolved"),
        _ => status,
    };

    public static string Priority(ConsoleLanguage l, int priority) => priority switch
    {
        1 => l.T("一级", "Level 1"),
        2 => l.T("二级", "Level 2"),
        3 => l.T("三级", "Level 3"),
        _ => l.T("四级", "Level 4"),
    };

    public static string CameraStatus(ConsoleLanguage l, string status) => status switch
    {
        "online" => l.T("在线", "Online"),
        "offline" => l.T("离线", "Offline"),
        _ => l.T("未注册", "Never registered"),
    };

    /// <summary>What happened to an alert the live feed brought, in words for the page's live region.</summary>
    public static string Change(ConsoleLanguage l, string change, Api.VideoAlert a)
    {
        var kind = Kind(l, a.Kind);
        var grid = a.GridCode ?? "—";
        return change switch
        {
            "raised" => l.T($"新告警：{kind}，{Priority(l, a.Priority)}，摄像机 {a.CameraId}，网格 {grid}", $"New alert: {kind}, {Priority(l, a.Priority)}, camera {a.CameraId}, grid {grid}"),
            "routed" => l.T($"告警已派转：{kind}，摄像机 {a.CameraId}", $"Alert routed: {kind}, camera {a.CameraId}"),
            "acknowledged" => l.T($"告警已确认：{kind}，摄像机 {a.CameraId}", $"Alert acknowledged: {kind}, camera {a.CameraId}"),
            _ => l.T($"告警{Status(l, a.Status)}：{kind}，摄像机 {a.CameraId}", $"Alert {Status(l, a.Status).ToLowerInvariant()}: {kind}, camera {a.CameraId}"),
        };
    }

    public static string Rate(double? rate) => rate is { } r ? $"{r * 100:0}%" : "—";
}
