using Google.Protobuf;
using Google.Protobuf.Reflection;
using Governance.Contracts.Mediation.V1;
using Governance.Grpc.Client;
using Governance.Grpc.Status;
using Governance.Mediation.Tests.Infrastructure;

namespace Governance.Mediation.Tests.Grpc;

/// <summary>Calls <c>governance.mediation.v1.MediationService</c> on a <see cref="MediationHost"/> with the platform's own client, as a court's system would.</summary>
internal sealed class MediationGrpc(MediationHost host) : IDisposable
{
    private static readonly ServiceDescriptor Service = MediationReflection.Descriptor.Services[0];
    private readonly GrpcClient _grpc = new(new GrpcClientOptions { Address = host.Grpc });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Token(string subject, string org, string role) => host.Issuer.TokenFor(subject, org, [role]);

    public Task<TReply> CallAsync<TReply>(string method, IMessage request, MessageParser<TReply> parser, string? token)
        where TReply : class, IMessage<TReply> =>
        _grpc.UnaryAsync(Service.FindMethodByName(method), request, parser, new CallOptions { BearerToken = token, CancellationToken = Ct });

    public async Task<RpcException> RefusalAsync<TReply>(string method, IMessage request, MessageParser<TReply> parser, string? token)
        where TReply : class, IMessage<TReply> =>
        await Assert.ThrowsAsync<RpcException>(() => CallAsync(method, request, parser, token));

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

    public Task<Case> RegisterAsync(string token, RegisterCaseRequest? request = null) => CallAsync("RegisterCase", request ?? Request(), Case.Parser, token);

    public void Dispose() => _grpc.Dispose();
}
