using Governance.VideoAlert.Alerts;

namespace Governance.VideoAlert.Routing;

/// <summary>The kinds' Chinese names, for the titles and descriptions of the incidents grid shows its staff.</summary>
public static class KindNames
{
    private static readonly Dictionary<string, string> Names = new()
    {
        [AlertKinds.FireSmoke] = "烟火", [AlertKinds.Flooding] = "积水内涝", [AlertKinds.Intrusion] = "区域入侵",
        [AlertKinds.CrowdDensity] = "人员聚集", [AlertKinds.AbandonedObject] = "物品遗留", [AlertKinds.RoadBlocked] = "道路阻断或事故",
        [AlertKinds.VideoLoss] = "视频丢失", [AlertKinds.Tampering] = "设备遮挡或破坏", [AlertKinds.StorageFault] = "存储故障",
        [AlertKinds.DeviceFlapping] = "设备频繁上下线", [AlertKinds.Other] = "其他告警",
    };

    public static string Chinese(string kind) => Names.GetValueOrDefault(kind, kind);
}
