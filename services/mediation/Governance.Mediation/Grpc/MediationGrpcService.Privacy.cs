using Google.Protobuf.WellKnownTypes;
using Governance.Contracts.Mediation.V1;
using Governance.Mediation.Data;
using Governance.Mediation.Privacy;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Mediation.Grpc.MediationProto;

namespace Governance.Mediation.Grpc;

/// <summary>Personal data over gRPC: the contact reveal (<see cref="ContactReveal"/>, as over REST) and the audit of every read that names people.</summary>
public sealed partial class MediationGrpcService
{
    public override async Task<RevealedContact> RevealPartyContact(RevealPartyContactRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var revealed = await http.RequestServices.GetRequiredService<ContactReveal>().RevealAsync(http.Caller(), ReadChannel.Grpc,
            Id("case_id", request.CaseId), Id("party_id", request.PartyId), request.Purpose, request.Note, context.CancellationToken);
        return new RevealedContact
        {
            CaseId = revealed.CaseId.ToString(), PartyId = revealed.PartyId.ToString(), Contact = revealed.Contact, Purpose = revealed.Purpose,
            RevealedAt = Timestamp.FromDateTime(DateTime.SpecifyKind(revealed.RevealedAt, DateTimeKind.Utc)),
        };
    }

    /// <summary>One audit line per case answered (GetCase, each case of a ListCasesByBody page): the reply names the parties.</summary>
    private static Task AuditedAsync(ServerCallContext context, IEnumerable<Guid> caseIds)
    {
        var http = context.GetHttpContext();
        return http.RequestServices.GetRequiredService<ReadAudit>().RecordAsync(http.Caller(), ReadKind.Case, ReadChannel.Grpc, caseIds, context.CancellationToken);
    }

    /// <summary>A length bound checked under the proto field's name where it differs from the JSON one the shared checks name.</summary>
    private static string Bounded(string value, string field, int max) => value.Length <= max ? value : throw TextLimits.TooLong(field, max);

    /// <summary>A sum in yuan from a double: NaN and the infinities are refused naming the field (they have no decimal).</summary>
    private static decimal Yuan(double value, string field) =>
        double.IsFinite(value) && Math.Abs(value) < 1e15 ? (decimal)value
        : throw DomainException.Invalid(field, $"The {field} is not a sum in yuan.");
}
