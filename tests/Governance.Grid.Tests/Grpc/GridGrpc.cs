using Google.Protobuf;
using Google.Protobuf.Reflection;
using Governance.Contracts.Grid.V1;
using Governance.Grid.Tests.Infrastructure;
using Governance.Grpc.Client;
using Governance.Grpc.Status;

namespace Governance.Grid.Tests.Grpc;

/// <summary>Calls <c>governance.grid.v1.GridService</c> on a <see cref="GridHost"/> with the platform's own client, as a department's system would.</summary>
internal sealed class GridGrpc(GridHost host) : IDisposable
{
    private static readonly ServiceDescriptor Service = GridReflection.Descriptor.Services[0];
    private readonly GrpcClient _grpc = new(new GrpcClientOptions { Address = host.Grpc });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Token(string subject, string org, string role, string? department = null) => host.Issuer.TokenFor(subject, org, [role], department);

    public Task<TReply> CallAsync<TReply>(string method, IMessage request, MessageParser<TReply> parser, string? token)
        where TReply : class, IMessage<TReply> =>
        _grpc.UnaryAsync(Service.FindMethodByName(method), request, parser, new CallOptions { BearerToken = token, CancellationToken = Ct });

    public async Task<StatusCode> StatusOfAsync<TReply>(string method, IMessage request, MessageParser<TReply> parser, string? token, string? messageStart = null)
        where TReply : class, IMessage<TReply>
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CallAsync(method, request, parser, token));
        if (messageStart is not null) Assert.StartsWith(messageStart, error.Message);
        return error.StatusCode;
    }

    public ServerStreamingCall<DispatchedIncident> Watch(string token, CancellationToken cancel, DateTime? deadline = null) =>
        _grpc.ServerStreaming(Service.FindMethodByName("WatchDispatched"), new WatchDispatchedRequest(), DispatchedIncident.Parser,
            new CallOptions { BearerToken = token, CancellationToken = cancel, Deadline = deadline ?? DateTime.UtcNow.AddSeconds(60) });

    public Task<ReportIncidentResponse> ReportAsync(string token, double lat = 36.405, double lng = 94.905) =>
        CallAsync("ReportIncident", new ReportIncidentRequest
        {
            Source = "department", Category = "city_appearance", Title = "井盖缺失", Description = "人行道上的井盖不见了",
            Latitude = lat, Longitude = lng, Address = "昆仑路12号",
        }, ReportIncidentResponse.Parser, token);

    public void Dispose() => _grpc.Dispose();
}
