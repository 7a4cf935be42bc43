using Google.Protobuf.WellKnownTypes;
using Governance.Contracts.Mediation.V1;
using Microsoft.EntityFrameworkCore;
using Governance.Mediation.Bodies;
using Governance.Mediation.Cases;
using Governance.Mediation.Tests.Infrastructure;
using Governance.Mediation.Tests.Work;
using static Governance.Mediation.Tests.Cases.CaseTestKit;
using static Governance.Mediation.Tests.Infrastructure.MediationHost;

namespace Governance.Mediation.Tests.Grpc;

/// <summary>A court's and a committee's part of a case over gRPC, with the same rules as REST.</summary>
public sealed class MediationGrpcWorkflowTests : IAsyncLifetime
{
    private MediationHost _host = null!;
    private MediationGrpc _grpc = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await MediationHost.StartAsync();
        _grpc = new MediationGrpc(_host);
    }

    public async ValueTask DisposeAsync()
    {
        _grpc.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_case_registered_over_gRPC_is_referred_to_the_court_acknowledged_and_settled()
    {
        await AddBodyAsync(_host, "金峰社区人民调解委员会", BodyKind.PeoplesCommittee, MediationLevel.Community, Community);
        var court = await AddBodyAsync(_host, "县法院诉调对接", BodyKind.Judicial, MediationLevel.County, County);
        var request = MediationGrpc.Request(Grid1);
        request.Risk = "major";
        request.PeopleInvolved = 2;
        var registered = await _grpc.RegisterAsync(_grpc.Token("operator-1", Community, "centre_operator"), request);
        var id = registered.Id;
        var committeeMediator = _grpc.Token("mediator-1", Community, "mediator");
        var judge = _grpc.Token("judge-1", County, "mediator");

        var referred = await _grpc.Client.ReferCaseAsync(new ReferCaseRequest { CaseId = id, ToBodyId = court.Id.ToString(), Reason = "涉及诉前调解" }, _grpc.As(committeeMediator)).ResponseAsync;
        Assert.Equal("referred", referred.State);
        var acknowledged = await _grpc.Client.AcknowledgeReferralAsync(new AcknowledgeReferralRequest { CaseId = id, Note = "已接收" }, _grpc.As(judge)).ResponseAsync;
        Assert.Equal(("in_mediation", "county"), (acknowledged.State, acknowledged.Level));

        using var rest = _host.ClientAs("judge-1", County, "mediator");
        await rest.StepAsync(Guid.Parse(id), "sessions", WorkClient.Session("县法院调解室"));
        var outcome = new RecordOutcomeRequest
        {
            CaseId = id, Outcome = "settled", Terms = "被申请人赔偿申请人维修费。", Amount = 1500,
            PerformanceDue = Timestamp.FromDateTime(_host.Clock.GetUtcNow().UtcDateTime.AddDays(15)),
        };
        var refused = await Assert.ThrowsAsync<global::Grpc.Core.RpcException>(() => _grpc.Client.RecordOutcomeAsync(outcome, _grpc.As(judge)).ResponseAsync);
        Assert.Contains("全体当事人确认", refused.Status.Detail); // every party must confirm the agreement
        outcome.Confirmations.AddRange(acknowledged.Parties.Select(p => new PartyConfirmation
        {
            PartyId = p.Id, Method = "paper_signature", ConfirmedAt = Timestamp.FromDateTime(_host.Clock.GetUtcNow().UtcDateTime),
        }));
        var settled = await _grpc.Client.RecordOutcomeAsync(outcome, _grpc.As(judge)).ResponseAsync;
        Assert.Equal("settled", settled.State);
        // A settled case is closed to referral: the refusal names the rule, as REST's problem details do.
        var closed = await Assert.ThrowsAsync<global::Grpc.Core.RpcException>(() => _grpc.Client.ReferCaseAsync(
            new ReferCaseRequest { CaseId = id, ToBodyId = court.Id.ToString(), Reason = "再次移交" }, _grpc.As(judge)).ResponseAsync);
        Assert.Equal(global::Grpc.Core.StatusCode.FailedPrecondition, closed.StatusCode);
        Assert.StartsWith("ReferralNeedsOpenCase: 案件 ", closed.Status.Detail);

        var history = await _host.QueryAsync(db => db.CaseSteps.Where(s => s.CaseId == Guid.Parse(id)).OrderBy(s => s.Id).Select(s => s.Action).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Contains("refer", history);
        Assert.Contains("acknowledge", history);
    }
}
