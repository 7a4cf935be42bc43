using Google.Protobuf.WellKnownTypes;
using Governance.Grid.Cells;
using Governance.Grid.Incidents;
using Governance.Grid.Lookup;
using Governance.ServiceDefaults.Problems;
using V1 = Governance.Contracts.Grid.V1;

namespace Governance.Grid.Grpc;

/// <summary>Between the service's records and the messages of <c>governance.grid.v1</c>.</summary>
internal static class GridProto
{
    public static V1.GridLocation ToProto(GridLocation l) => new() { Code = l.Code, OrgPath = l.OrgPath, Name = l.Name };

    public static V1.Grid ToProto(GridCell c) => new()
    {
        Code = c.Code, OrgPath = c.OrgPath, CommunityPath = c.CommunityPath, Name = c.Name, Type = c.Type.Name(),
        Households = c.Households ?? 0, Population = c.Population ?? 0, GeometryGeojson = c.Geometry,
    };

    public static V1.Incident ToProto(Incident i)
    {
        var view = IncidentView.From(i);
        return new V1.Incident
        {
            Id = view.Id.ToString(), Number = view.Number, Source = view.Source, Category = view.Category, Urgency = view.Urgency,
            Title = view.Title, Description = view.Description ?? "", Latitude = view.Latitude, Longitude = view.Longitude,
            Address = view.Address ?? "", GridCode = view.GridCode, OrgPath = view.OrgPath, ResponsibleOrgPath = view.ResponsibleOrgPath,
            State = view.State, DepartmentId = view.DepartmentId ?? "", HandlerId = view.HandlerId ?? "", Step = view.Step ?? "",
            StepDueAt = Time(view.StepDueAt), Warning = view.Warning, Reworks = view.Reworks, Extensions = view.Extensions,
            ExtensionRequestedUntil = Time(view.ExtensionRequestedUntil), ReportedAt = Time(view.ReportedAt),
            UpdatedAt = Time(view.UpdatedAt), ClosedAt = Time(view.ClosedAt),
            SentCoordinateSystem = view.SentCoordinateSystem ?? "", SentLatitude = view.SentLatitude ?? 0, SentLongitude = view.SentLongitude ?? 0,
        };
    }

    public static V1.TimelineStep ToProto(StepView s)
    {
        var step = new V1.TimelineStep
        {
            At = Time(s.At), Actor = s.Actor, Action = s.Action, FromState = s.FromState, ToState = s.ToState, Note = s.Note ?? "",
        };
        step.Attachments.AddRange(s.Attachments.Select(a => new V1.Attachment
        {
            Name = a.Name ?? "", ContentType = a.ContentType ?? "", Size = a.Size ?? 0, Url = a.Url ?? "",
        }));
        return step;
    }

    public static V1.IncidentPart ToProto(Dispatch.DispatchApi.PartView p) => new()
    {
        DepartmentId = p.DepartmentId, DepartmentName = p.DepartmentName ?? "", Role = p.Role, Round = p.Round, State = p.State,
        DispatchedAt = Time(p.DispatchedAt), AcceptedAt = Time(p.AcceptedAt), HandledAt = Time(p.HandledAt), ReturnedAt = Time(p.ReturnedAt),
        HandlerId = p.HandlerId ?? "", Note = p.Note ?? "",
    };

    /// <summary>Attachments as the workflow validates them; proto3's empty strings read as absent.</summary>
    public static List<Attachment> FromProto(IEnumerable<V1.Attachment> attachments) =>
        attachments.Select(a => new Attachment(Empty(a.Name), Empty(a.ContentType), a.Size, Empty(a.Url))).ToList();

    public static string? Empty(string value) => value.Length == 0 ? null : value;

    public static Guid IncidentId(string value) =>
        Guid.TryParse(value, out var id) ? id : throw DomainException.Invalid("incident_id", $"The incident_id '{value}' is not a UUID.");

    // Stored times are UTC; Timestamp.FromDateTime insists on the kind, which the database may not have kept.
    private static Timestamp? Time(DateTime? value) =>
        value is { } t ? Timestamp.FromDateTime(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;

    private static Timestamp Time(DateTime value) => Time((DateTime?)value)!;
}
