using System.Buffers.Binary;
using System.Net;
using Governance.Grpc.Tests.Support;
using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Governance.Grpc.Tests;

/// <summary>grpc.health.v1.Health, called without a token as a Kubernetes probe calls it.</summary>
public sealed class HealthTests(StandardGrpcHost host) : IClassFixture<StandardGrpcHost>
{
    private const string Check = "/grpc.health.v1.Health/Check";
    private const string Watch = "/grpc.health.v1.Health/Watch";

    private async Task<GrpcAnswer> CheckAsync(string service)
    {
        using var http = GrpcWire.Client(host.Grpc);
        return await GrpcWire.CallAsync(http, Check, GrpcWire.Frame(new HealthCheckRequest { Service = service }), token: null);
    }

    [Theory]
    [InlineData("")]
    [InlineData("governance.testing.v1.Echo")]
    [InlineData("grpc.health.v1.Health")]
    public async Task Check_without_a_token_of_the_server_or_a_mapped_service_is_SERVING(string service)
    {
        var answer = await CheckAsync(service);

        Assert.Equal(HttpStatusCode.OK, answer.Http);
        Assert.Equal(0, answer.Status);
        Assert.Equal(ServingStatus.Serving, answer.Single(HealthCheckResponse.Parser).Status);
    }

    [Fact]
    public async Task Check_of_an_unknown_service_is_NOT_FOUND()
    {
        var answer = await CheckAsync("governance.nope.v1.Nope");

        Assert.Equal(5, answer.Status);
        Assert.Empty(answer.Messages);
    }

    [Fact]
    public async Task Check_while_a_ready_check_fails_is_NOT_SERVING()
    {
        host.Switch.Healthy = false;
        try
        {
            var answer = await CheckAsync("");

            Assert.Equal(0, answer.Status);
            Assert.Equal(ServingStatus.NotServing, answer.Single(HealthCheckResponse.Parser).Status);
        }
        finally { host.Switch.Healthy = true; }
    }

    [Fact]
    public async Task Watch_sends_the_current_status_then_each_change_until_the_caller_cancels()
    {
        await using var watch = await WatchCall.StartAsync(host.Grpc, "");
        try
        {
            Assert.Equal(ServingStatus.Serving, await watch.NextAsync());
            host.Switch.Healthy = false;
            Assert.Equal(ServingStatus.NotServing, await watch.NextAsync());
            host.Switch.Healthy = true;
            Assert.Equal(ServingStatus.Serving, await watch.NextAsync());
        }
        finally { host.Switch.Healthy = true; }

        // The server keeps the stream open; the probe still answers after the caller walks away.
        await watch.DisposeAsync();
        Assert.Equal(0, (await CheckAsync("")).Status);
    }

    [Fact]
    public async Task Watch_of_an_unknown_service_reports_SERVICE_UNKNOWN_instead_of_failing()
    {
        await using var watch = await WatchCall.StartAsync(host.Grpc, "governance.nope.v1.Nope");

        Assert.Equal(HttpStatusCode.OK, watch.Http);
        Assert.Equal(ServingStatus.ServiceUnknown, await watch.NextAsync());
    }

    /// <summary>A Watch call read message by message as they arrive.</summary>
    private sealed class WatchCall : IAsyncDisposable
    {
        private readonly HttpClient _client;
        private readonly HttpResponseMessage _response;
        private readonly Stream _body;
        private readonly CancellationTokenSource _cancel;

        private WatchCall(HttpClient client, HttpResponseMessage response, Stream body, CancellationTokenSource cancel) =>
            (_client, _response, _body, _cancel) = (client, response, body, cancel);

        public HttpStatusCode Http => _response.StatusCode;

        public static async Task<WatchCall> StartAsync(Uri server, string service)
        {
            var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            var client = GrpcWire.Client(server);
            var request = new HttpRequestMessage(HttpMethod.Post, Watch)
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new ByteArrayContent(GrpcWire.Frame(new HealthCheckRequest { Service = service })),
            };
            request.Content.Headers.ContentType = new("application/grpc");
            request.Headers.TryAddWithoutValidation("te", "trailers");
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
            return new WatchCall(client, response, await response.Content.ReadAsStreamAsync(cancel.Token), cancel);
        }

        /// <summary>The next status; fails the test if none comes within 10 s (the server polls every second).</summary>
        public async Task<ServingStatus> NextAsync()
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            var prefix = new byte[5];
            await _body.ReadExactlyAsync(prefix, timeout.Token);
            var payload = new byte[BinaryPrimitives.ReadUInt32BigEndian(prefix.AsSpan(1))];
            await _body.ReadExactlyAsync(payload, timeout.Token);
            return HealthCheckResponse.Parser.ParseFrom(payload).Status;
        }

        private bool _disposed;

        public async ValueTask DisposeAsync()
        {
            if (_disposed) return;
            _disposed = true;
            await _cancel.CancelAsync();
            await _body.DisposeAsync();
            _response.Dispose();
            _client.Dispose();
            _cancel.Dispose();
        }
    }
}
