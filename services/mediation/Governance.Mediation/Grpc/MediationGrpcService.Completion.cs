using Governance.Contracts.Mediation.V1;
using Governance.Mediation.Cases;
using Governance.Mediation.Completion;
using Governance.Mediation.Data;
using Governance.Mediation.Endings;
using Governance.Mediation.Work;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Grpc.Core;
using static Governance.Mediation.Grpc.MediationProto;

namespace Governance.Mediation.Grpc;

/// <summary>Completing a case before mediation starts, and ending it without an outcome: <see cref="CaseCompletion"/> and <see cref="CaseEndings"/>, as over REST.</summary>
public sealed partial class MediationGrpcService
{
    public override async Task<Case> UpdateCase(UpdateCaseRequest request, ServerCallContext context)
    {
        DateOnly? occurredOn = !request.HasOccurredOn ? null
            : DateOnly.TryParseExact(request.OccurredOn, "yyyy-MM-dd", out var day) ? day
            : throw DomainException.Invalid("occurred_on", $"The occurred_on '{request.OccurredOn}' is not a yyyy-MM-dd date.");
        var update = new CaseUpdateRequest(request.HasName ? request.Name : null, occurredOn, request.HasPlace ? request.Place : null,
            request.HasCategory ? request.Category : null, request.HasPeopleInvolved ? request.PeopleInvolved : null,
            request.HasAmountAtStake ? Yuan(request.AmountAtStake, "amount_at_stake") : null, request.HasSummary ? request.Summary : null, request.HasRisk ? request.Risk : null);
        return await ReadAsync(await completion.UpdateAsync(context.GetHttpContext().Caller(), Id("case_id", request.CaseId), update, context.CancellationToken), context);
    }

    /// <summary>Names and roles only, as at RegisterCase: contacts are taken at the REST API, encrypted at rest.</summary>
    public override async Task<Case> AddParty(AddPartyRequest request, ServerCallContext context)
    {
        var party = request.Party is { } p ? new PartyRequest(p.Kind, p.Role, Bounded(p.Name, "party.name", TextLimits.PartyName), null) : null;
        var (added, _) = await completion.AddPartyAsync(context.GetHttpContext().Caller(), Id("case_id", request.CaseId), party, context.CancellationToken);
        return await ReadAsync(added, context);
    }

    public override async Task<Case> RemoveParty(RemovePartyRequest request, ServerCallContext context) =>
        await ReadAsync(await completion.RemovePartyAsync(context.GetHttpContext().Caller(), Id("case_id", request.CaseId), Id("party_id", request.PartyId),
            context.CancellationToken), context);

    public override async Task<Case> DeclineCase(DeclineCaseRequest request, ServerCallContext context) =>
        await ReadAsync(await endings.DeclineAsync(context.GetHttpContext().Caller(), Id("case_id", request.CaseId),
            new DeclineRequest(request.Reason, request.Note.Length == 0 ? null : request.Note), context.CancellationToken), context);

    public override async Task<Case> WithdrawCase(WithdrawCaseRequest request, ServerCallContext context) =>
        await ReadAsync(await endings.WithdrawAsync(context.GetHttpContext().Caller(), Id("case_id", request.CaseId),
            new WithdrawRequest(request.Reason, request.Note.Length == 0 ? null : request.Note, request.PartyId.Length == 0 ? null : Id("party_id", request.PartyId)),
            context.CancellationToken), context);

    /// <summary>The confirmations of an agreement; the old list of bare party ids says neither how nor when, so it is refused.</summary>
    private static List<ConfirmationRequest> Confirmations(RecordOutcomeRequest request)
    {
#pragma warning disable CS0612 // read only to refuse it
        var old = request.ConfirmedPartyIds.Count;
#pragma warning restore CS0612
        if (old > 0)
            throw DomainException.Invalid("confirmed_party_ids",
                "confirmed_party_ids no longer binds an agreement: give confirmations, each with party_id, method (paper_signature or in_person) and confirmed_at.");
        return request.Confirmations.Select((c, i) => new ConfirmationRequest(
            c.PartyId.Length == 0 ? null : Id($"confirmations[{i}].party_id", c.PartyId), c.Method,
            c.ConfirmedAt?.ToDateTime())).ToList();
    }
}
