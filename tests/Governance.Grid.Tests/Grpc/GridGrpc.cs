using Governance.Contracts.Grid.V1;
using System.Runtime.CompilerServices;
using Governance.Grid.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;

namespace Governance.Grid.Tests.Grpc;

/// <summary>Calls <c>governance.grid.v1.GridService</c> on a <see cref="GridHost"/> with the generated typed client, as a department's system would.</summary>
internal sealed class GridGrpc(GridHost host) : IDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(host.Grpc);

    public GridService.GridServiceClient Client => new(_channel);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Token(string subject, string org, string role, string? department = null) => host.Issuer.TokenFor(subject, org, [role], department);

    /// <summary>Call options carrying <paramref name="token"/> (none when null), the test's cancellation and a deadline.</summary>
    public CallOptions As(string? token, DateTime? deadline = null, CancellationToken? cancel = null) => new(
        headers: token is null ? null : new Metadata { { "authorization", "Bearer " + token } },
        deadline: deadline ?? DateTime.UtcNow.AddSeconds(30), cancellationToken: cancel ?? Ct);

    /// <summary>The status <paramref name="call"/> fails with; its message must start with <paramref name="messageStart"/> when given.</summary>
    public async Task<StatusCode> StatusOfAsync(Func<Task> call, string? messageStart = null)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        if (messageStart is not null) Assert.StartsWith(messageStart, error.Status.Detail);
        return error.StatusCode;
    }

    /// <summary>WatchDispatched as a sequence; leaving it disposes the call, which resets the stream.</summary>
    public async IAsyncEnumerable<DispatchedIncident> Watch(string token, [EnumeratorCancellation] CancellationToken cancel, DateTime? deadline = null)
    {
        using var call = Client.WatchDispatched(new WatchDispatchedRequest(), As(token, deadline ?? DateTime.UtcNow.AddSeconds(60), cancel));
        await foreach (var dispatched in call.ResponseStream.ReadAllAsync(cancel)) yield return dispatched;
    }

    public Task<ReportIncidentResponse> ReportAsync(string token, double lat = 36.405, double lng = 94.905) =>
        Client.ReportIncidentAsync(new ReportIncidentRequest
        {
            Source = "department", Category = "city_appearance", Title = "井盖缺失", Description = "人行道上的井盖不见了",
            Latitude = lat, Longitude = lng, Address = "昆仑路12号",
        }, As(token)).ResponseAsync;

    public void Dispose() => _channel.Dispose();
}
