namespace Governance.Assessment.Indicators;

/// <summary>
/// The queries over facts an indicator can name (ADR 0013 §3). The library (<see cref="IndicatorLibrary"/>) is data:
/// which indicators exist, their codes and names; each names one of these measures, which say what is counted, over
/// which facts, dated by which event, and whether a department is measured by its own records (<see cref="Subject"/>
/// department: incidents dispatched to it) or by its org node's subtree (org: disputes and alerts carry no department).
/// </summary>
public sealed record Measure(string Key, string Facts, string Subject, string Kind, string Better, string Numerator, string? Denominator)
{
    public const string Rate = "rate";
    public const string Count = "count";
    /// <summary>A figure per unit (reports per grid worker per day): numerator ÷ denominator, not bounded by 1.</summary>
    public const string Average = "average";
    public const string Higher = "higher";
    public const string Lower = "lower";

    public static readonly IReadOnlyList<Measure> All =
    [
        new("incident_on_time", "incidents", "department", Rate, Higher, "incidents closed with no step past its deadline", "incidents closed"),
        new("incident_rework", "incidents", "department", Rate, Lower, "incidents closed after at least one failed verification", "incidents closed"),
        new("incident_extension", "incidents", "department", Rate, Lower, "incidents closed with at least one extension", "incidents closed"),
        new("incident_misdispatch_returns", "returns", "department", Count, Lower, "incidents the department returned as not its own (lead returns)", null),
        new("incident_satisfied", "incidents", "department", Rate, Higher, "evaluations of 4 or 5 (satisfied)", "evaluations"),
        new("dispute_success", "disputes", "org", Rate, Higher, "cases settled, fully or partly", "cases settled or failed at the county"),
        new("dispute_settled_low_level", "disputes", "org", Rate, Higher, "cases settled at grid or community level", "cases settled"),
        new("dispute_overdue", "disputes", "org", Count, Lower,
            "cases with a level deadline in the period that passed before the case left the level (escalated, referral acknowledged, ended) or while it is still open", null),
        new("alert_ack_on_time", "alerts", "org", Rate, Higher, "alerts acknowledged before their deadline", "alerts acknowledged"),
        new("rental_inspection_on_time", "inspections", "org", Rate, Higher, "rental inspections made by the day they were due", "rental inspections made"),
        // Inputs/InputMeasures.cs: figures that are not one record each (worker-days, camera-days, population's counts).
        new("grid_worker_valid_reports_per_day", "reports", "org", Average, Higher, "valid reports (registered, not rejected or merged) by the subtree's grid workers",
            "grid workers × days of the period so far"),
        new("camera_online", "cameras", "org", Rate, Higher, "camera-days online at the daily noon sample", "camera-days sampled"),
        new("camera_networked", "cameras", "org", Rate, Higher, "cameras heard from at least once by the period's end", "cameras registered by then"),
        new("care_visit_on_time", "care_visits", "org", Rate, Higher, "care visits made by their due day (population's counts per community)",
            "care visits due in the period"),
        // Entered by people and reviewed, not folded from events: Manual/ and Tasks/.
        Manual.ManualMeasure.RateMeasure,
        Manual.ManualMeasure.CountMeasure,
        Tasks.TaskMeasure.Measure,
    ];

    public static Measure? Find(string? key) => All.FirstOrDefault(m => m.Key == key);
}
