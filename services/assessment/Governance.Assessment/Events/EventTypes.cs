using System.Text.Json;
using Governance.Assessment.Facts;
using Governance.Contracts.Grid;
using Governance.Contracts.Mediation;
using Governance.Contracts.Population;
using Governance.Contracts.VideoAlert;

namespace Governance.Assessment.Events;

/// <summary>
/// The events assessment logs and folds, each with how it is filed in <see cref="AssessmentEvent"/>: its record, org and
/// department, and its body with the acting account blanked (an evaluation's or acknowledgment's author is a person;
/// scores need the act, not who did it) — except a report's staff reporter, whom "valid reports per grid worker"
/// counts by. Grid's overdue steps (<c>IncidentOverdue</c>) are logged but fold into no fact yet; overdue dispute cases are
/// folded from the deadlines mediation's placing events carry (<see cref="DisputeDeadline"/>).
/// </summary>
internal static class EventTypes
{
    private sealed record Kind(Type Type, Func<object, Filed> File);

    /// <summary>How one event is filed: the record it belongs to, where, which department, and the body to keep.</summary>
    public sealed record Filed(string RecordKind, string RecordId, string OrgPath, string? DepartmentId, DateTime OccurredAt, object Body);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web);

    private static readonly Dictionary<string, Kind> ByName = new[]
    {
        Of<IncidentDispatched>(e => new("incident", e.IncidentId.ToString(), e.OrgPath, e.DepartmentId, e.OccurredAt, e)),
        Of<IncidentReturned>(e => new("incident", e.IncidentId.ToString(), e.OrgPath, e.DepartmentId, e.OccurredAt, e)),
        Of<IncidentClosed>(e => new("incident", e.IncidentId.ToString(), e.OrgPath, e.DepartmentId, e.OccurredAt, e)),
        Of<IncidentEvaluated>(e => new("incident", e.IncidentId.ToString(), e.OrgPath, null, e.OccurredAt, e with { EvaluatedBy = "" })),
        Of<IncidentOverdue>(e => new("incident", e.IncidentId.ToString(), e.OrgPath, e.DepartmentId, e.OccurredAt, e)),
        Of<DisputeRegistered>(e => new("dispute", e.CaseId.ToString(), e.OrgPath, null, e.OccurredAt, e)),
        Of<DisputeEscalated>(e => new("dispute", e.CaseId.ToString(), e.OrgPath, null, e.OccurredAt, e)),
        Of<DisputeReferralAcknowledged>(e => new("dispute", e.CaseId.ToString(), e.OrgPath, null, e.OccurredAt, e)),
        Of<DisputeSettled>(e => new("dispute", e.CaseId.ToString(), e.OrgPath, null, e.OccurredAt, e)),
        Of<DisputeMediationFailed>(e => new("dispute", e.CaseId.ToString(), e.OrgPath, null, e.OccurredAt, e)),
        Of<DisputeDeclined>(e => new("dispute", e.CaseId.ToString(), e.OrgPath, null, e.OccurredAt, e)),
        Of<DisputeWithdrawn>(e => new("dispute", e.CaseId.ToString(), e.OrgPath, null, e.OccurredAt, e)),
        Of<AlertRaised>(e => new("alert", e.AlertId.ToString(), e.OrgPath, null, e.OccurredAt, e)),
        Of<AlertRouted>(e => new("alert", e.AlertId.ToString(), e.OrgPath, null, e.OccurredAt, e)),
        Of<AlertAcknowledged>(e => new("alert", e.AlertId.ToString(), e.OrgPath, null, e.OccurredAt, e with { AcknowledgedBy = "" })),
        Of<CameraWentOffline>(e => new("camera", e.DeviceId, e.OrgPath, null, e.OccurredAt, e)),
        Of<CameraCameOnline>(e => new("camera", e.DeviceId, e.OrgPath, null, e.OccurredAt, e)),
        Of<RentalInspected>(e => new("inspection", e.InspectionId.ToString(), e.OrgPath, null, e.OccurredAt, e)),
        // Grid workers' valid reports per day (Inputs/): the reporter stays in the body, as the indicator counts per reporter.
        Of<IncidentReported>(e => new("incident", e.IncidentId.ToString(), e.OrgPath, null, e.OccurredAt, e)),
        Of<IncidentRegistered>(e => new("incident", e.IncidentId.ToString(), e.OrgPath, null, e.OccurredAt, e)),
        Of<IncidentTransitioned>(e => new("incident", e.IncidentId.ToString(), e.OrgPath, null, e.OccurredAt, e)),
        Of<GridStaffingChanged>(e => new("staffing", e.GridCode, e.OrgPath, null, e.OccurredAt, e)),
        Of<CameraRegistered>(e => new("camera", e.DeviceId, e.OrgPath, null, e.OccurredAt, e)),
        // A camera taken down leaves the camera rates from then on; its reason is an operational note, kept in the body.
        Of<CameraRetired>(e => new("camera", e.DeviceId, e.OrgPath, null, e.OccurredAt, e)),
    }.ToDictionary(k => k.Type.Name, StringComparer.Ordinal);

    private static Kind Of<T>(Func<T, Filed> file) where T : class => new(typeof(T), e => file((T)e));

    /// <summary>Every type logged, for the consumers' registration and the tests.</summary>
    public static IEnumerable<Type> All => ByName.Values.Select(k => k.Type);

    /// <summary>The log row of <paramref name="message"/>, delivered as <paramref name="messageId"/>.</summary>
    public static AssessmentEvent ToLog(object message, Guid messageId, DateTime receivedAt)
    {
        var kind = ByName[message.GetType().Name];
        var filed = kind.File(message);
        return new AssessmentEvent
        {
            MessageId = messageId, Type = kind.Type.Name, OccurredAt = Stamp.Normal(filed.OccurredAt), RecordKind = filed.RecordKind,
            RecordId = filed.RecordId, OrgPath = filed.OrgPath, DepartmentId = filed.DepartmentId,
            Body = JsonSerializer.Serialize(filed.Body, kind.Type, Json), ReceivedAt = receivedAt,
        };
    }

    /// <summary>The event a log row holds, as its contract type.</summary>
    public static object FromLog(AssessmentEvent logged) =>
        JsonSerializer.Deserialize(logged.Body, ByName[logged.Type].Type, Json)
        ?? throw new InvalidDataException($"Assessment event {logged.MessageId} holds no body.");
}
