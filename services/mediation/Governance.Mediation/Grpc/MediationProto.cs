using Google.Protobuf.WellKnownTypes;
using Governance.Mediation.Cases;
using Governance.ServiceDefaults.Problems;
using V1 = Governance.Contracts.Mediation.V1;

namespace Governance.Mediation.Grpc;

/// <summary>Between the service's records and the messages of <c>governance.mediation.v1</c>.</summary>
internal static class MediationProto
{
    public static V1.Case ToProto(DisputeCase c)
    {
        var reply = new V1.Case
        {
            Id = c.Id.ToString(), Number = c.Number, Name = c.Name, OccurredOn = c.OccurredOn.ToString("yyyy-MM-dd"), Place = c.Place,
            GridCode = c.GridCode ?? "", OrgPath = c.OrgPath, Category = Names.Snake(c.Category), PeopleInvolved = c.PeopleInvolved,
            Summary = c.Summary, Risk = Names.Snake(c.Risk), Level = Names.Snake(c.Level), ResponsibleOrgPath = c.ResponsibleOrgPath,
            BodyId = c.BodyId?.ToString() ?? "", MediatorId = c.MediatorId?.ToString() ?? "", State = Names.Snake(c.State),
            Source = Names.Snake(c.Source), SourceReference = c.SourceReference ?? "", LevelDueAt = Time(c.LevelDueAt),
            CreatedAt = Time(c.CreatedAt), UpdatedAt = Time(c.UpdatedAt), SettledAt = Time(c.SettledAt),
        };
        if (c.AmountAtStake is { } amount) reply.AmountAtStake = (double)amount;
        // Names and roles only: contacts never leave the service. Applicants first, then respondents, then others
        // (ids are time-ordered only to the millisecond, so they do not keep the order given).
        reply.Parties.AddRange(c.Parties.OrderBy(p => p.Role switch { "applicant" => 0, "respondent" => 1, _ => 2 }).ThenBy(p => p.Name, StringComparer.Ordinal).Select(p => new V1.Party { Id = p.Id.ToString(), Kind = Names.Snake(p.Kind), Role = p.Role, Name = p.Name }));
        return reply;
    }

    public static Guid Id(string field, string value) =>
        Guid.TryParse(value, out var id) ? id : throw DomainException.Invalid(field, $"The {field} '{value}' is not a UUID.");

    // Stored times are UTC; Timestamp.FromDateTime insists on the kind, which the database may not have kept.
    private static Timestamp? Time(DateTime? value) =>
        value is { } t ? Timestamp.FromDateTime(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
}
