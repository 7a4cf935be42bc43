using System.Text;
using Governance.Contracts.Mediation.V1;
using Governance.Grpc.Server;
using Governance.Grpc.Status;
using Governance.Mediation.Data;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;
using static Governance.Mediation.Grpc.MediationProto;

namespace Governance.Mediation.Grpc;

/// <summary>
/// <c>governance.mediation.v1.MediationService</c> for courts, justice bureaus and departments.
/// Refusals are <see cref="DomainException"/>s, which the gRPC layer maps to statuses. ReferCase,
/// AcknowledgeReferral and RecordOutcome answer UNIMPLEMENTED until they are wired to the case
/// workflow (Referrals/, Work/) on merge.
/// </summary>
public sealed class MediationGrpcService(MediationDb db, RolePermissions permissions, CaseRegistration registration)
{
    private const int DefaultPageSize = 50, MaxPageSize = 200;

    public async Task<Case> RegisterCase(RegisterCaseRequest request, ServerCallContext context) =>
        ToProto(await registration.RegisterAsync(Caller.From(context.User), request, context.CancellationToken));

    public async Task<Case> GetCase(GetCaseRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var cases = db.Cases.AsNoTracking().Include(c => c.Parties);
        if (request.CaseId.Length == 0 && request.Number.Length == 0) throw DomainException.Invalid("case_id", "The case_id is missing: give the case_id or the number.");
        var found = request.CaseId.Length > 0 && Id("case_id", request.CaseId) is var id
            ? await cases.FirstOrDefaultAsync(c => c.Id == id, ct)
            : await cases.FirstOrDefaultAsync(c => c.Number == request.Number, ct);
        // Out of reach reads as absent, as over REST.
        var what = request.CaseId.Length > 0 ? request.CaseId : request.Number;
        if (found is null || !await permissions.IsPermittedAsync(Caller.From(context.User), "mediation.read", OrgPath.Parse(found.OrgPath), ct))
            throw DomainException.NotFound($"No case {what} within your reach.");
        return ToProto(found);
    }

    public async Task<ListCasesByBodyResponse> ListCasesByBody(ListCasesByBodyRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var bodyId = Id("body_id", request.BodyId);
        if (request.PageSize is < 0 or > MaxPageSize) throw DomainException.Invalid("page_size", $"The page_size must be 1 to {MaxPageSize} (0 means {DefaultPageSize}).");
        var body = await db.Bodies.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bodyId, ct);
        if (body is null || !await permissions.IsPermittedAsync(Caller.From(context.User), "mediation.read", OrgPath.Parse(body.OrgPath), ct))
            throw DomainException.NotFound($"No body {bodyId} within your reach.");
        var size = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        var query = db.Cases.AsNoTracking().Include(c => c.Parties).Where(c => c.BodyId == bodyId);
        // Numbers are unique and grow with time: newest first, and the page token is the last number given.
        if (DecodeToken(request.PageToken) is { } after) query = query.Where(c => string.Compare(c.Number, after) < 0);
        var page = await query.OrderByDescending(c => c.Number).Take(size + 1).AsSplitQuery().ToListAsync(ct);
        var reply = new ListCasesByBodyResponse();
        reply.Cases.AddRange(page.Take(size).Select(ToProto));
        if (page.Count > size) reply.NextPageToken = Convert.ToBase64String(Encoding.UTF8.GetBytes(page[size - 1].Number));
        return reply;
    }

    public Task<Case> ReferCase(ReferCaseRequest request, ServerCallContext context) => NotYet("ReferCase", "referrals (三调联动)");

    public Task<Case> AcknowledgeReferral(AcknowledgeReferralRequest request, ServerCallContext context) => NotYet("AcknowledgeReferral", "referrals (三调联动)");

    public Task<Case> RecordOutcome(RecordOutcomeRequest request, ServerCallContext context) => NotYet("RecordOutcome", "outcomes");

    private static Task<Case> NotYet(string rpc, string what) =>
        Task.FromException<Case>(new RpcException(StatusCode.Unimplemented,
            $"{rpc} is not served over gRPC yet: {what} are recorded through the REST API for now."));

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
