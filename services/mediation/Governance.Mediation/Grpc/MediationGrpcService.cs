using System.Text;
using Governance.Contracts.Mediation.V1;
using Governance.Mediation.Cases;
using Governance.Mediation.Completion;
using Governance.Mediation.Endings;
using Governance.Mediation.Data;
using Governance.Mediation.Referrals;
using Governance.Mediation.Work;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Governance.Mediation.Grpc.MediationProto;

namespace Governance.Mediation.Grpc;

/// <summary>
/// <c>governance.mediation.v1.MediationService</c> for courts, justice bureaus and departments.
/// The same case logic as REST (Cases/, Referrals/, Work/): refusals are <see cref="DomainException"/>s,
/// which the platform's DomainStatusInterceptor maps to statuses (rule names first).
/// </summary>
public sealed partial class MediationGrpcService(MediationDb db, RolePermissions permissions, CaseIntake intake, CaseReferrals referrals, OutcomeSteps outcomes,
    CaseCompletion completion, CaseEndings endings, TimeProvider clock) : MediationService.MediationServiceBase
{
    private const int DefaultPageSize = 50, MaxPageSize = 200;

    /// <summary>Courts, departments and police register over gRPC; contacts are taken only at the REST intake.</summary>
    public override async Task<Case> RegisterCase(RegisterCaseRequest request, ServerCallContext context)
    {
        var source = request.Source.Length == 0 ? "department" : request.Source;
        if (source is not ("court" or "department" or "police"))
            throw DomainException.Invalid("source", $"The source '{source}' is not one of court, department, police.");
        DateOnly? occurredOn = request.OccurredOn.Length == 0 ? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)
            : DateOnly.TryParseExact(request.OccurredOn, "yyyy-MM-dd", out var day) ? day
            : throw DomainException.Invalid("occurred_on", $"The occurred_on '{request.OccurredOn}' is not a yyyy-MM-dd date.");
        var parties = request.Parties.Select(p => new PartyRequest(p.Kind, p.Role, p.Name, null)).ToList();
        var reference = request.SourceReference.Length == 0 ? null : Bounded(request.SourceReference, "source_reference", TextLimits.SourceReference);
        var caseRequest = new CaseRequest(source, reference, request.Name, occurredOn,
            request.Place, request.GridCode.Length == 0 ? null : request.GridCode, request.OrgPath, request.Category,
            request.PeopleInvolved > 0 ? request.PeopleInvolved : parties.Count > 0 ? parties.Count : null,
            request.HasAmountAtStake ? Yuan(request.AmountAtStake, "amount_at_stake") : null, request.Summary, request.Risk, parties);
        return await ReadAsync(await intake.RegisterAsync(context.GetHttpContext().Caller(), caseRequest, context.CancellationToken), context);
    }

    public override async Task<Case> GetCase(GetCaseRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var cases = db.Cases.AsNoTracking().Include(c => c.Parties);
        if (request.CaseId.Length == 0 && request.Number.Length == 0 && request.IncidentId.Length == 0)
            throw DomainException.Invalid("case_id", "The case_id is missing: give the case_id, the number or the incident_id.");
        var found = request.CaseId.Length > 0 && Id("case_id", request.CaseId) is var id
            ? await cases.FirstOrDefaultAsync(c => c.Id == id, ct)
            : request.Number.Length > 0 ? await cases.FirstOrDefaultAsync(c => c.Number == request.Number, ct)
            : Id("incident_id", request.IncidentId).ToString() is var incident
                ? await cases.FirstOrDefaultAsync(c => c.Source == CaseSource.IncidentReferral && c.SourceReference == incident, ct) : null;
        // Out of reach reads as absent, as over REST.
        var what = new[] { request.CaseId, request.Number, request.IncidentId }.First(x => x.Length > 0);
        if (found is null || !await permissions.IsPermittedAsync(context.GetHttpContext().Caller(), "mediation.read", OrgPath.Parse(found.OrgPath), ct))
            throw DomainException.NotFound($"No case {what} within your reach.");
        await AuditedAsync(context, [found.Id]);
        return ToProto(found);
    }

    public override async Task<ListCasesByBodyResponse> ListCasesByBody(ListCasesByBodyRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var bodyId = Id("body_id", request.BodyId);
        if (request.PageSize is < 0 or > MaxPageSize) throw DomainException.Invalid("page_size", $"The page_size must be 1 to {MaxPageSize} (0 means {DefaultPageSize}).");
        var body = await db.Bodies.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bodyId, ct);
        if (body is null || !await permissions.IsPermittedAsync(context.GetHttpContext().Caller(), "mediation.read", OrgPath.Parse(body.OrgPath), ct))
            throw DomainException.NotFound($"No body {bodyId} within your reach.");
        var size = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        var query = db.Cases.AsNoTracking().Include(c => c.Parties).Where(c => c.BodyId == bodyId);
        // Numbers are unique and grow with time: newest first, and the page token is the last number given.
        if (DecodeToken(request.PageToken) is { } after) query = query.Where(c => string.Compare(c.Number, after) < 0);
        var page = await query.OrderByDescending(c => c.Number).Take(size + 1).AsSplitQuery().ToListAsync(ct);
        var reply = new ListCasesByBodyResponse();
        await AuditedAsync(context, page.Take(size).Select(c => c.Id));
        reply.Cases.AddRange(page.Take(size).Select(ToProto));
        if (page.Count > size) reply.NextPageToken = Convert.ToBase64String(Encoding.UTF8.GetBytes(page[size - 1].Number));
        return reply;
    }

    public override async Task<Case> ReferCase(ReferCaseRequest request, ServerCallContext context) =>
        await ReadAsync(await referrals.ReferAsync(context.GetHttpContext().Caller(), Id("case_id", request.CaseId), Id("to_body_id", request.ToBodyId),
            request.Reason, context.CancellationToken), context);

    public override async Task<Case> AcknowledgeReferral(AcknowledgeReferralRequest request, ServerCallContext context) =>
        await ReadAsync(await referrals.AcknowledgeAsync(context.GetHttpContext().Caller(), Id("case_id", request.CaseId),
            request.Note.Length == 0 ? null : request.Note, context.CancellationToken), context);

    /// <summary>settled → an agreement every party confirmed; partially_settled → a partial one; failed → pointed elsewhere (and escalated below the county).</summary>
    public override async Task<Case> RecordOutcome(RecordOutcomeRequest request, ServerCallContext context)
    {
        var kind = request.Outcome switch
        {
            "settled" => "agreement",
            "partially_settled" => "partial",
            "failed" => "failed",
            _ => throw DomainException.Invalid("outcome", $"The outcome '{request.Outcome}' is not one of settled, partially_settled, failed."),
        };
        var outcome = new OutcomeRequest(kind, request.Terms.Length == 0 ? null : request.Terms,
            request.HasAmount ? [new AmountRequest("协议金额", AgreementBounds.Amount(Yuan(request.Amount, "amount"), "amount"))] : null,
            request.PerformanceDue is null ? null : DateOnly.FromDateTime(request.PerformanceDue.ToDateTime()),
            Confirmations(request),
            request.ReferredTo.Length == 0 ? null : request.ReferredTo, request.Note.Length == 0 ? null : request.Note);
        return await ReadAsync(await outcomes.RecordAsync(context.GetHttpContext().Caller(), Id("case_id", request.CaseId), outcome, context.CancellationToken), context);
    }

    // The steps answer the tracked case; the reply is read afresh with its parties.
    private async Task<Case> ReadAsync(Cases.DisputeCase changed, ServerCallContext context) =>
        ToProto(await db.Cases.AsNoTracking().Include(c => c.Parties).FirstAsync(c => c.Id == changed.Id, context.CancellationToken));

    private static string? DecodeToken(string token)
    {
        if (token.Length == 0) return null;
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw DomainException.Invalid("page_token", "The page token is not one this service gave out.");
        }
    }
}
