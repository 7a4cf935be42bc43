namespace Governance.Grid.Incidents;

/// <summary>An incident as staff see it.</summary>
public sealed record IncidentView(
    Guid Id, string Number, string Source, string Category, string Urgency, string Title, string? Description,
    double Latitude, double Longitude, string? Address, string GridCode, string OrgPath, string ResponsibleOrgPath,
    string State, string? DepartmentId, string? HandlerId, string? Step, DateTime? StepDueAt, string Warning,
    int Reworks, int Extensions, DateTime? ExtensionRequestedUntil, Guid? MergedInto, int? Satisfaction,
    DateTime ReportedAt, DateTime UpdatedAt, DateTime? ClosedAt,
    string? SentCoordinateSystem = null, double? SentLatitude = null, double? SentLongitude = null)
{
    public static IncidentView From(Incident i) => new(
        i.Id, i.Number, IncidentInput.SourceName(i.Source), i.Category, IncidentInput.UrgencyName(i.Urgency), i.Title, i.Description,
        i.Latitude, i.Longitude, i.Address, i.GridCode, i.OrgPath, i.ResponsibleOrgPath, IncidentLedger.Name(i.State), i.DepartmentId, i.HandlerId,
        i.Step, i.StepDueAt, i.Warning, i.Reworks, i.Extensions, i.ExtensionRequestedUntil, i.MergedInto, i.Satisfaction,
        i.ReportedAt, i.UpdatedAt, i.ClosedAt, i.SentCoordinateSystem, i.SentLatitude, i.SentLongitude);
}

/// <summary>One line of the timeline.</summary>
public sealed record StepView(DateTime At, string Actor, string Action, string FromState, string ToState, string? Note, IReadOnlyList<Attachment> Attachments)
{
    public static StepView From(IncidentStep s) => new(s.At, s.Actor, s.Action, s.FromState, s.ToState, s.Note,
        s.Attachments is null ? [] : System.Text.Json.JsonSerializer.Deserialize<List<Attachment>>(s.Attachments, System.Text.Json.JsonSerializerOptions.Web)!);
}
