using System.Text.Json;

namespace Governance.Assessment.Indicators;

/// <summary>
/// The indicator library as one document, the unit of a version (<see cref="IndicatorLibraryVersion"/>): each indicator's
/// code (what letters name), its name as a centre writes it, and the measure it computes (<see cref="Measure"/>).
/// JSON shape: <code>{ "indicators": [ { "code": "incident_on_time_rate", "name": "按时办结率", "measure": "incident_on_time" }, ... ] }</code>
/// </summary>
public sealed record IndicatorLibrary(IReadOnlyList<IndicatorDefinition> Indicators)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web);

    public IndicatorDefinition? Find(string? code) => Indicators.FirstOrDefault(i => i.Code == code);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static IndicatorLibrary FromJson(string json) =>
        JsonSerializer.Deserialize<IndicatorLibrary>(json, Json) ?? throw new InvalidDataException("An indicator library version holds no document.");

    /// <summary>Version 1: one indicator per measure, named as the county's letters name them.</summary>
    public static IndicatorLibrary Defaults() => new(
    [
        new("incident_on_time_rate", "按时办结率", "incident_on_time"),
        new("incident_rework_rate", "返工率", "incident_rework"),
        new("incident_extension_rate", "延期率", "incident_extension"),
        new("incident_misdispatch_returns", "错派退单数", "incident_misdispatch_returns"),
        new("incident_satisfaction_rate", "群众满意率", "incident_satisfied"),
        new("dispute_success_rate", "矛盾纠纷调解成功率", "dispute_success"),
        new("dispute_grassroots_share", "网格、社区层面化解占比", "dispute_settled_low_level"),
        new("alert_ack_on_time_rate", "视频告警按时确认率", "alert_ack_on_time"),
        new("rental_reinspection_on_time_rate", "出租房屋按时复查率", "rental_inspection_on_time"),
        new("grid_worker_daily_valid_reports", "网格员日均有效上报数", "grid_worker_valid_reports_per_day"),
        new("camera_online_rate", "摄像机在线率", "camera_online"),
        new("camera_networking_rate", "摄像机联网率", "camera_networked"),
        new("care_visit_on_time_rate", "关爱对象按时走访率", "care_visit_on_time"),
        new("task_completion_rate", "月度任务完成率", "task_completion"),
        new("dispute_overdue_cases", "矛盾纠纷超期案件数", "dispute_overdue"),
    ]);

    public string Summary(IndicatorLibrary before)
    {
        var added = Indicators.Select(i => i.Code).Except(before.Indicators.Select(i => i.Code)).ToList();
        var removed = before.Indicators.Select(i => i.Code).Except(Indicators.Select(i => i.Code)).ToList();
        var changed = Indicators.Where(i => before.Find(i.Code) is { } b && b != i).Select(i => i.Code).ToList();
        var parts = new[]
        {
            added.Count > 0 ? "added " + string.Join(", ", added) : null,
            removed.Count > 0 ? "removed " + string.Join(", ", removed) : null,
            changed.Count > 0 ? "changed " + string.Join(", ", changed) : null,
        }.OfType<string>().ToList();
        return parts.Count == 0 ? "no change in content" : string.Join("; ", parts);
    }
}

/// <summary>One indicator: the code letters name, its name, and its measure (<see cref="Measure.Key"/>).</summary>
public sealed record IndicatorDefinition(string Code, string Name, string Measure);
