namespace Governance.Search.Documents;

/// <summary>
/// Chinese words for the codes events carry, so that a search in Chinese finds a record by what its codes mean
/// (告警 finds alerts, 火情 a fire_smoke alert). Codes without a label stay searchable as themselves.
/// </summary>
internal static class Labels
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        // record types
        [RecordTypes.Incident] = "事件", [RecordTypes.Dispute] = "矛盾纠纷", [RecordTypes.House] = "房屋", [RecordTypes.Alert] = "视频告警",
        [RecordTypes.Camera] = "摄像机", [RecordTypes.Grid] = "网格",
        // incident and case states
        ["reported"] = "上报", ["registered"] = "登记", ["dispatched"] = "派遣", ["accepted"] = "受理", ["handled"] = "处置", ["verified"] = "核查",
        ["closed"] = "结案", ["evaluated"] = "评价", ["rejected"] = "不予立案", ["escalated"] = "上报升级", ["settled"] = "调解成功",
        ["partially_settled"] = "部分调解成功", ["failed"] = "调解失败", ["declined"] = "不予受理", ["withdrawn"] = "撤回", ["followed_up"] = "回访",
        ["open"] = "待处理", ["routed"] = "已分派", ["acknowledged"] = "已确认", ["online"] = "在线", ["offline"] = "离线",
        // sources, urgency, levels
        ["patrol"] = "巡查", ["citizen"] = "群众", ["hotline"] = "热线", ["video_alert"] = "视频告警", ["department"] = "部门",
        ["normal"] = "一般", ["urgent"] = "紧急", ["critical"] = "特急", ["grid_on_site"] = "网格现场", ["centre_window"] = "中心窗口",
        ["online_intake"] = "网上", ["police"] = "公安", ["court"] = "法院", ["community"] = "社区", ["street"] = "街道", ["county"] = "县区",
        ["ordinary"] = "一般", ["major"] = "重大", ["complex"] = "复杂",
        // dispute categories
        ["neighbour"] = "邻里纠纷", ["family_and_marriage"] = "婚姻家庭纠纷", ["property_management"] = "物业纠纷", ["labour"] = "劳动争议",
        ["land"] = "土地纠纷", ["traffic_accident"] = "交通事故纠纷", ["consumer"] = "消费纠纷",
        // alert kinds
        ["fire_smoke"] = "火情 烟雾", ["flooding"] = "积水 内涝", ["intrusion"] = "入侵", ["crowd_density"] = "人员聚集", ["abandoned_object"] = "遗留物",
        ["road_blocked"] = "道路堵塞", ["video_loss"] = "视频丢失", ["tampering"] = "遮挡破坏", ["storage_fault"] = "存储故障", ["device_flapping"] = "设备频繁掉线",
        // camera owners, house kinds, grid types
        ["public"] = "公共", ["social"] = "社会资源", ["compound"] = "小区", ["building"] = "楼栋", ["unit"] = "单元", ["room"] = "房间",
        ["residential_compound"] = "住宅小区", ["institution"] = "单位", ["rental_cluster"] = "出租屋集中区", ["commercial_street"] = "商业街",
        ["rural_village"] = "农村", ["mixed"] = "混合",
    };

    /// <summary>The code and its Chinese word, when it has one.</summary>
    public static IEnumerable<string> Of(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) yield break;
        yield return code;
        if (Words.TryGetValue(code, out var word)) yield return word;
    }
}
