using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.Mediation.V1;
using Governance.Mediation.Cases;
using Governance.Mediation.Privacy;
using Governance.Mediation.Tests.Grpc;
using Governance.Mediation.Tests.Infrastructure;
using Governance.Mediation.Work;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Governance.Mediation.Tests.Infrastructure.MediationHost;

namespace Governance.Mediation.Tests.Work;

/// <summary>The agreement PDF is rendered once per version of the agreement and kept; its amounts are bounded at both interfaces.</summary>
public sealed class AgreementPdfVersionTests : IAsyncLifetime
{
    private MediationHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await MediationHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTime Now => _host.Clock.GetUtcNow().UtcDateTime;

    private HttpClient Mediator => _host.ClientAs("m-community", Community, "mediator");

    /// <summary>A community case in mediation with a session held: ready for its outcome.</summary>
    private async Task<DisputeCase> InMediationAsync()
    {
        var c = await CaseSeed.CaseAsync(_host, state: CaseState.InMediation);
        await _host.SeedAsync(db => db.Add(new MediationSession
        {
            CaseId = c.Id, HeldAt = Now, Place = "社区调解室", Participants = "张三、李四", Minutes = "双方到场", RecordedBy = "m-community", RecordedAt = Now,
        }));
        return c;
    }

    private object Agreement(DisputeCase c, object[] amounts) => new
    {
        kind = "agreement", terms = "李四负责修复漏水并赔偿张三损失。", amounts, performanceDeadline = DateOnly.FromDateTime(Now.AddDays(30)),
        confirmations = c.Parties.Select(p => new { partyId = p.Id, method = "in_person", confirmedAt = Now }),
    };

    private async Task<(byte[] Bytes, string? FileName)> DownloadAsync(Guid id)
    {
        var response = await Mediator.GetAsync($"/api/mediation/cases/{id}/agreement.pdf", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsByteArrayAsync(Ct), response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    private Task<List<int>> VersionsAsync(Guid id) =>
        _host.QueryAsync(db => db.Set<AgreementPdfVersion>().Where(p => p.CaseId == id).OrderBy(p => p.Version).Select(p => p.Version).ToListAsync(Ct));

    [Fact]
    public async Task A_version_is_rendered_once_and_a_changed_agreement_gets_a_new_version()
    {
        var c = await InMediationAsync();
        await Mediator.StepAsync(c.Id, "outcome", Agreement(c, [new { description = "维修费", amount = 1200.50m }]));

        var first = await DownloadAsync(c.Id);
        var second = await DownloadAsync(c.Id);
        Assert.Equal(first.Bytes, second.Bytes);
        Assert.Equal($"{c.Number}-agreement-v1.pdf", second.FileName);
        var stored = await _host.QueryAsync(db => db.Set<AgreementPdfVersion>().AsNoTracking().SingleAsync(p => p.CaseId == c.Id, Ct));
        Assert.Equal(1, stored.Version);
        Assert.Equal(first.Bytes, stored.Content);
        // Downloads serve the stored bytes and do not render: marked bytes put in the row come back as they are.
        var marked = "%PDF-stored-rendering"u8.ToArray();
        await SetContentAsync(c.Id, marked);
        Assert.Equal(marked, (await DownloadAsync(c.Id)).Bytes);
        await SetContentAsync(c.Id, first.Bytes);
        // Each download is a read of the parties' names: audited, one line each.
        Assert.Equal(3, await _host.QueryAsync(db => db.Set<PersonalDataRead>().CountAsync(r => r.CaseId == c.Id && r.What == ReadKind.AgreementPdf, Ct)));

        // A correction to the agreement (no API amends one today; the record is changed underneath) renders version 2.
        await _host.QueryAsync(db => db.Set<CaseOutcome>().Where(o => o.CaseId == c.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.Terms, "李四负责修复漏水并赔偿张三损失，于十日内付清。"), Ct));
        var corrected = await DownloadAsync(c.Id);
        Assert.NotEqual(first.Bytes, corrected.Bytes);
        Assert.Equal($"{c.Number}-agreement-v2.pdf", corrected.FileName);
        Assert.Equal((await DownloadAsync(c.Id)).Bytes, corrected.Bytes);
        Assert.Equal([1, 2], await VersionsAsync(c.Id));
        // Version 1, the document first signed, is kept as it was.
        Assert.Equal(first.Bytes, await _host.QueryAsync(db => db.Set<AgreementPdfVersion>().Where(p => p.CaseId == c.Id && p.Version == 1).Select(p => p.Content).SingleAsync(Ct)));
    }

    private Task<int> SetContentAsync(Guid id, byte[] content) =>
        _host.QueryAsync(db => db.Set<AgreementPdfVersion>().Where(p => p.CaseId == id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Content, content), Ct));

    [Theory]
    [InlineData("[{\"description\":\"赔偿金\",\"amount\":-5}]", "amounts[0].amount")]
    [InlineData("[{\"description\":\"赔偿金\",\"amount\":0}]", "amounts[0].amount")]
    [InlineData("[{\"description\":\"赔偿金\",\"amount\":10000000000.01}]", "amounts[0].amount")]
    [InlineData("[{\"description\":\"赔偿金\",\"amount\":100.005}]", "amounts[0].amount")]
    [InlineData("[{\"description\":\"赔偿金\"}]", "amounts[0].amount")]
    [InlineData("[{\"description\":\"a\",\"amount\":6000000000},{\"description\":\"b\",\"amount\":6000000000}]", "amounts")]
    [InlineData("TOO_MANY", "amounts")]
    public async Task Amounts_outside_the_bounds_are_refused_naming_the_field_and_nothing_is_recorded(string amounts, string field)
    {
        var c = await InMediationAsync();
        var list = amounts == "TOO_MANY"
            ? Enumerable.Range(1, 21).Select(i => (object)new { description = $"第{i}项", amount = 10m }).ToArray()
            : JsonSerializer.Deserialize<JsonElement[]>(amounts)!.Cast<object>().ToArray();
        var response = await Mediator.PostAsJsonAsync($"/api/mediation/cases/{c.Id}/outcome", Agreement(c, list), Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest && problem.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {problem}");
        Assert.False(await _host.QueryAsync(db => db.Set<CaseOutcome>().AnyAsync(o => o.CaseId == c.Id, Ct)));
        Assert.Equal(CaseState.InMediation, (await _host.QueryAsync(db => db.Cases.AsNoTracking().SingleAsync(x => x.Id == c.Id, Ct))).State);
    }

    [Fact]
    public async Task Over_gRPC_an_amount_out_of_bounds_is_INVALID_ARGUMENT_naming_amount()
    {
        using var grpc = new MediationGrpc(_host);
        var c = await InMediationAsync();
        var mediator = grpc.As(grpc.Token("m-community", Community, "mediator"));
        foreach (var amount in new[] { double.NaN, double.PositiveInfinity, -1, 1e11, 100.005 })
        {
            var request = new RecordOutcomeRequest { CaseId = c.Id.ToString(), Outcome = "settled", Terms = "李四赔偿张三。", Amount = amount, PerformanceDue = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(Now.AddDays(30)) };
            request.Confirmations.AddRange(c.Parties.Select(p => new Contracts.Mediation.V1.PartyConfirmation
            {
                PartyId = p.Id.ToString(), Method = "in_person", ConfirmedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(Now),
            }));
            var refused = await grpc.RefusalAsync(() => grpc.Client.RecordOutcomeAsync(request, mediator).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
            Assert.Contains("amount", refused.Status.Detail, StringComparison.Ordinal);
        }
        Assert.False(await _host.QueryAsync(db => db.Set<CaseOutcome>().AnyAsync(o => o.CaseId == c.Id, Ct)));
    }
}
