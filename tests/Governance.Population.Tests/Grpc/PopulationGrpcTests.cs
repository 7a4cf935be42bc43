using Governance.Contracts.Population.V1;
using Governance.Population.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;
using static Governance.Population.Tests.Infrastructure.PopulationHost;

namespace Governance.Population.Tests.Grpc;

/// <summary><c>LookUpPerson</c> with the generated typed client, as a department's system calls it.</summary>
public sealed class PopulationGrpcTests : IAsyncLifetime
{
    private PopulationHost _host = null!;
    private GrpcChannel _channel = null!;
    private Guid _zhang;

    public async ValueTask InitializeAsync()
    {
        _host = await PopulationHost.StartAsync();
        _channel = GrpcChannel.ForAddress(_host.Grpc);
        _zhang = await People.RegisterAsync(_host.GridWorker(), People.Registered());
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _host.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PopulationService.PopulationServiceClient Client => new(_channel);

    private CallOptions As(string subject, string org, string role) => new(
        headers: new Metadata { { "authorization", "Bearer " + _host.Issuer.TokenFor(subject, org, [role]) } },
        deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: Ct);

    private static LookUpPersonRequest Request(bool reveal = false) =>
        new() { DocumentNumber = People.ZhangId, Purpose = "law_enforcement_request", PurposeNote = "协查函 12", Reveal = reveal };

    [Fact]
    public async Task A_look_up_answers_masked_and_is_logged_with_its_purpose_and_channel()
    {
        var reply = await Client.LookUpPersonAsync(Request(), As("dept-1", County, "investigator"));
        var person = Assert.Single(reply.Persons);
        Assert.Equal((_zhang.ToString(), "632801********1235", "138****5678", false, ""), (person.Id, person.DocumentNumber, person.Phone, person.Revealed, person.BirthDate));
        var read = Assert.Single(await _host.QueryAsync(db => db.PersonReads.ToListAsync(Ct)));
        Assert.Equal(("grpc", "lookup", "law_enforcement_request", "dept-1"), (read.Channel, read.Action, read.Purpose, read.Reader));
    }

    [Fact]
    public async Task A_revealing_look_up_answers_the_numbers_to_a_caller_holding_population_reveal_only()
    {
        var reply = await Client.LookUpPersonAsync(Request(reveal: true), As("dept-1", County, "investigator"));
        Assert.Equal((People.ZhangId, People.Phone, "1990-03-07", true), (reply.Persons[0].DocumentNumber, reply.Persons[0].Phone, reply.Persons[0].BirthDate, reply.Persons[0].Revealed));
        Assert.Contains("documentNumber", (await _host.QueryAsync(db => db.PersonReads.SingleAsync(Ct))).Fields);

        var refused = await Assert.ThrowsAsync<RpcException>(() => Client.LookUpPersonAsync(Request(reveal: true), As("auditor-1", County, "auditor")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    [Fact]
    public async Task Bad_input_out_of_reach_and_anonymous_calls_are_refused_with_their_status()
    {
        var badCheck = await Assert.ThrowsAsync<RpcException>(() => Client.LookUpPersonAsync(
            new LookUpPersonRequest { DocumentNumber = "632801199003071234", DocumentType = "resident_id", Purpose = "case_handling" }, As("dept-1", County, "investigator")).ResponseAsync);
        Assert.Equal((StatusCode.InvalidArgument, true), (badCheck.StatusCode, badCheck.Status.Detail.Contains("校验码")));
        var noPurpose = await Assert.ThrowsAsync<RpcException>(() => Client.LookUpPersonAsync(
            new LookUpPersonRequest { DocumentNumber = People.ZhangId }, As("dept-1", County, "investigator")).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, noPurpose.StatusCode);
        // An investigator of another community does not learn that the person lives here.
        var outside = await Assert.ThrowsAsync<RpcException>(() => Client.LookUpPersonAsync(Request(), As("dept-2", OtherCommunity, "investigator")).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, outside.StatusCode);
        var anonymous = await Assert.ThrowsAsync<RpcException>(() => Client.LookUpPersonAsync(Request(), new CallOptions(cancellationToken: Ct)).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
        // The miss is logged (who tried, why), the refusals before the search are not.
        var reads = await _host.QueryAsync(db => db.PersonReads.ToListAsync(Ct));
        Assert.Equal(("lookup_miss", "dept-2", OtherCommunity), (Assert.Single(reads).Action, reads[0].Reader, reads[0].OrgPath));
    }
}
