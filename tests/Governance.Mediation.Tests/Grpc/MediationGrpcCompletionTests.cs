using Google.Protobuf.WellKnownTypes;
using Governance.Contracts.Mediation.V1;
using Governance.Mediation.Tests.Completion;
using Governance.Mediation.Tests.Infrastructure;
using Governance.Mediation.Tests.Work;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Governance.Mediation.Tests.Infrastructure.MediationHost;
using MediationLevel = Governance.Mediation.Cases.MediationLevel;

namespace Governance.Mediation.Tests.Grpc;

/// <summary>Completing, declining and the agreement's confirmations over gRPC: the same rules as REST, refusals as statuses.</summary>
public sealed class MediationGrpcCompletionTests : IAsyncLifetime
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

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_handed_over_case_is_found_by_its_incident_completed_and_then_fixed_once_mediation_starts()
    {
        var (incident, handed) = await HandOverCompletion.HandedOverCaseAsync(_host);
        var mediator = _grpc.As(_grpc.Token("m-community", Community, "mediator"));
        var found = await _grpc.Client.GetCaseAsync(new GetCaseRequest { IncidentId = incident.ToString() }, mediator).ResponseAsync;
        Assert.Equal((handed.Number, "incident_referral"), (found.Number, found.Source));
        var outside = await _grpc.RefusalAsync(() => _grpc.Client.GetCaseAsync(new GetCaseRequest { IncidentId = incident.ToString() },
            _grpc.As(_grpc.Token("m-other", OtherCommunity, "mediator"))).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, outside.StatusCode);

        var updated = await _grpc.Client.UpdateCaseAsync(new UpdateCaseRequest { CaseId = found.Id, Category = "neighbour", PeopleInvolved = 2, OccurredOn = "2026-11-20" }, mediator).ResponseAsync;
        Assert.Equal(("neighbour", 2, "2026-11-20", found.Name), (updated.Category, updated.PeopleInvolved, updated.OccurredOn, updated.Name));
        var badDate = await _grpc.RefusalAsync(() => _grpc.Client.UpdateCaseAsync(new UpdateCaseRequest { CaseId = found.Id, OccurredOn = "20.11.2026" }, mediator).ResponseAsync);
        var noParty = await _grpc.RefusalAsync(() => _grpc.Client.AddPartyAsync(new AddPartyRequest { CaseId = found.Id }, mediator).ResponseAsync);
        var badReason = await _grpc.RefusalAsync(() => _grpc.Client.DeclineCaseAsync(new DeclineCaseRequest { CaseId = found.Id, Reason = "busy" }, mediator).ResponseAsync);
        Assert.All([badDate, noParty, badReason], e => Assert.Equal(StatusCode.InvalidArgument, e.StatusCode));
        Assert.Contains("reason", badReason.Status.Detail);

        await _grpc.Client.AddPartyAsync(new AddPartyRequest { CaseId = found.Id, Party = new Party { Kind = "person", Role = "applicant", Name = "张三" } }, mediator).ResponseAsync;
        var both = await _grpc.Client.AddPartyAsync(new AddPartyRequest { CaseId = found.Id, Party = new Party { Kind = "person", Role = "respondent", Name = "李四" } }, mediator).ResponseAsync;
        Assert.Equal(["applicant 张三", "respondent 李四"], both.Parties.Select(p => $"{p.Role} {p.Name}"));

        using var rest = _host.ClientAs("m-community", Community, "mediator");
        var (body, m) = await CaseSeed.BodyAsync(_host, MediationLevel.Grid, Grid1);
        await rest.StepAsync(handed.Id, "assign", new { bodyId = body.Id, mediatorId = m.Id });
        var fixedParty = await _grpc.RefusalAsync(() => _grpc.Client.RemovePartyAsync(new RemovePartyRequest { CaseId = found.Id, PartyId = both.Parties[0].Id }, mediator).ResponseAsync);
        var notDeclined = await _grpc.RefusalAsync(() => _grpc.Client.DeclineCaseAsync(new DeclineCaseRequest { CaseId = found.Id, Reason = "party_refuses" }, mediator).ResponseAsync);
        Assert.Equal((StatusCode.FailedPrecondition, StatusCode.FailedPrecondition), (fixedParty.StatusCode, notDeclined.StatusCode));
        Assert.StartsWith("PartiesFixedOnceMediationStarts: ", fixedParty.Status.Detail);
        Assert.StartsWith("DeclineOnlyBeforeMediationStarts: ", notDeclined.Status.Detail);

        // An agreement over gRPC names how and when each party confirmed; bare party ids say neither and are refused.
        await rest.StepAsync(handed.Id, "sessions", WorkClient.Session());
        var outcome = new RecordOutcomeRequest
        {
            CaseId = found.Id, Outcome = "settled", Terms = "李四赔偿张三维修费。", PerformanceDue = Timestamp.FromDateTime(_host.Clock.GetUtcNow().UtcDateTime.AddDays(10)),
        };
#pragma warning disable CS0612 // the deprecated field, to prove it is refused
        outcome.ConfirmedPartyIds.AddRange(both.Parties.Select(p => p.Id));
        var bare = await _grpc.RefusalAsync(() => _grpc.Client.RecordOutcomeAsync(outcome, mediator).ResponseAsync);
        outcome.ConfirmedPartyIds.Clear();
#pragma warning restore CS0612
        Assert.Equal(StatusCode.InvalidArgument, bare.StatusCode);
        outcome.Confirmations.AddRange(both.Parties.Select(p => new PartyConfirmation
        {
            PartyId = p.Id, Method = "paper_signature", ConfirmedAt = Timestamp.FromDateTime(_host.Clock.GetUtcNow().UtcDateTime),
        }));
        Assert.Equal("settled", (await _grpc.Client.RecordOutcomeAsync(outcome, mediator).ResponseAsync).State);
        var methods = await _host.QueryAsync(db => db.Set<Governance.Mediation.Work.PartyConfirmation>().Where(c => c.CaseId == handed.Id)
            .Select(c => c.Method.ToString() + " " + c.RecordedBy).ToListAsync(Ct));
        Assert.Equal(["PaperSignature m-community", "PaperSignature m-community"], methods);
    }
}
