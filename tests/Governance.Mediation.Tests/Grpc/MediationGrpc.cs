using Governance.Contracts.Mediation.V1;
using Governance.Mediation.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;

namespace Governance.Mediation.Tests.Grpc;

/// <summary>Calls <c>governance.mediation.v1.MediationService</c> on a <see cref="MediationHost"/> with the generated typed client, as a court's system would.</summary>
internal sealed class MediationGrpc(MediationHost host) : IDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(host.Grpc);

    public MediationService.MediationServiceClient Client => new(_channel);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Token(string subject, string org, string role) => host.Issuer.TokenFor(subject, org, [role]);

    /// <summary>Call options carrying <paramref name="token"/> (none when null), the test's cancellation and a deadline.</summary>
    public CallOptions As(string? token) => new(
        headers: token is null ? null : new Metadata { { "authorization", "Bearer " + token } },
        deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: Ct);

    public async Task<RpcException> RefusalAsync(Func<Task> call) => await Assert.ThrowsAsync<RpcException>(call);

    public static RegisterCaseRequest Request(string org = MediationHost.Grid1)
    {
        var request = new RegisterCaseRequest
        {
            Name = "邻里漏水纠纷", OccurredOn = "2026-11-20", Place = "金峰社区3号楼", GridCode = "632801001002001", OrgPath = org,
            Category = "neighbour", PeopleInvolved = 2, AmountAtStake = 1500.5, Summary = "楼上漏水导致楼下天花板受损，双方就赔偿金额有争议",
            Risk = "ordinary", Source = "court", SourceReference = "(2026)青2801民诉前调123号",
        };
        request.Parties.Add(new Party { Kind = "person", Role = "applicant", Name = "张三" });
        request.Parties.Add(new Party { Kind = "person", Role = "respondent", Name = "李四" });
        return request;
    }

    public Task<Case> RegisterAsync(string token, RegisterCaseRequest? request = null) => Client.RegisterCaseAsync(request ?? Request(), As(token)).ResponseAsync;

    public void Dispose() => _channel.Dispose();
}
