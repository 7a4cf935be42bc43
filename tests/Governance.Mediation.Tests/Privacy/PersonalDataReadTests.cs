using System.Net;
using Governance.Contracts.Mediation.V1;
using Governance.Mediation.Cases;
using Governance.Mediation.Privacy;
using Governance.Mediation.Tests.Grpc;
using Governance.Mediation.Tests.Infrastructure;
using Governance.Mediation.Tests.Work;
using Governance.Mediation.Work;
using Microsoft.EntityFrameworkCore;
using static Governance.Mediation.Tests.Infrastructure.MediationHost;

namespace Governance.Mediation.Tests.Privacy;

/// <summary>Every read that names people writes one audit line naming the case: over gRPC, the agreement (record and PDF) and the sessions' minutes, as the single-case REST read does.</summary>
public sealed class PersonalDataReadTests : IAsyncLifetime
{
    private MediationHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await MediationHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<List<(ReadKind What, ReadChannel Channel, Guid CaseId, string Reader)>> ReadsAsync() => _host.QueryAsync(async db =>
        (await db.Set<PersonalDataRead>().AsNoTracking().OrderBy(r => r.Id).ToListAsync(Ct)).Select(r => (r.What, r.Channel, r.CaseId, r.Reader)).ToList());

    [Fact]
    public async Task Minutes_the_agreement_and_its_PDF_are_audited_one_line_per_read()
    {
        var c = await CaseSeed.CaseAsync(_host, state: CaseState.InMediation);
        var now = _host.Clock.GetUtcNow().UtcDateTime;
        using var mediator = _host.ClientAs("m-community", Community, "mediator");
        await mediator.StepAsync(c.Id, "sessions", WorkClient.Session());
        await mediator.StepAsync(c.Id, "outcome", new
        {
            kind = "agreement", terms = "李四赔偿张三维修费。", performanceDeadline = DateOnly.FromDateTime(now.AddDays(30)),
            confirmations = c.Parties.Select(p => new { partyId = p.Id, method = "in_person", confirmedAt = now }),
        });
        Assert.Empty(await ReadsAsync());

        using var handler = _host.ClientAs("d-1", Community, "department_handler");
        Assert.Contains("张三", await handler.GetStringAsync($"/api/mediation/cases/{c.Id}/sessions", Ct), StringComparison.Ordinal);
        await handler.GetStringAsync($"/api/mediation/cases/{c.Id}/sessions", Ct);
        await handler.GetStringAsync($"/api/mediation/cases/{c.Id}/agreement", Ct);
        Assert.Equal(HttpStatusCode.OK, (await handler.GetAsync($"/api/mediation/cases/{c.Id}/agreement.pdf", Ct)).StatusCode);
        // A refused read (another community's staff) shows nothing and records nothing.
        using var other = _host.ClientAs("d-2", OtherCommunity, "department_handler");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/mediation/cases/{c.Id}/sessions", Ct)).StatusCode);

        Assert.Equal([(ReadKind.SessionMinutes, ReadChannel.Rest, c.Id, "d-1"), (ReadKind.SessionMinutes, ReadChannel.Rest, c.Id, "d-1"),
            (ReadKind.Agreement, ReadChannel.Rest, c.Id, "d-1"), (ReadKind.AgreementPdf, ReadChannel.Rest, c.Id, "d-1")], await ReadsAsync());
    }

    [Fact]
    public async Task Reads_over_gRPC_are_audited_one_line_per_case_answered()
    {
        using var grpc = new MediationGrpc(_host);
        var (body, _) = await CaseSeed.BodyAsync(_host, MediationLevel.Community, Community);
        var cases = new List<DisputeCase>();
        for (var i = 0; i < 3; i++)
        {
            var c = await CaseSeed.CaseAsync(_host, state: CaseState.InMediation);
            await _host.QueryAsync(db => db.Cases.Where(x => x.Id == c.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.BodyId, body.Id), Ct));
            cases.Add(c);
        }
        var token = grpc.As(grpc.Token("court-1", Community, "department_handler"));

        var one = await grpc.Client.GetCaseAsync(new GetCaseRequest { CaseId = cases[0].Id.ToString() }, token).ResponseAsync;
        Assert.Equal(["张三", "李四"], one.Parties.Select(p => p.Name));
        Assert.Equal([(ReadKind.Case, ReadChannel.Grpc, cases[0].Id, "court-1")], await ReadsAsync());

        var page = await grpc.Client.ListCasesByBodyAsync(new ListCasesByBodyRequest { BodyId = body.Id.ToString(), PageSize = 2 }, token).ResponseAsync;
        Assert.Equal(2, page.Cases.Count);
        var lines = (await ReadsAsync()).Skip(1).ToList();
        Assert.Equal(page.Cases.Select(x => Guid.Parse(x.Id)).Order(), lines.Select(l => l.CaseId).Order());
        Assert.All(lines, l => Assert.Equal((ReadKind.Case, ReadChannel.Grpc, "court-1"), (l.What, l.Channel, l.Reader)));

        // Out of reach: NOT_FOUND, nothing recorded.
        var outside = grpc.As(grpc.Token("court-2", OtherCommunity, "department_handler"));
        await grpc.RefusalAsync(() => grpc.Client.GetCaseAsync(new GetCaseRequest { CaseId = cases[1].Id.ToString() }, outside).ResponseAsync);
        Assert.Equal(3, (await ReadsAsync()).Count);
    }
}
