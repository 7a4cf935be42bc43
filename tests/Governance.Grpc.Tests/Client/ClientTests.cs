using System.Net.Http.Headers;
using Governance.Grpc.Client;
using Governance.Grpc.Server;
using Governance.Grpc.Status;
using Governance.Grpc.Tests.Echo;
using Governance.Grpc.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Grpc.Tests.Client;

/// <summary>Our client against our server: replies, streams, metadata, gzip, statuses, deadlines, tokens, retries.</summary>
public sealed class ClientTests(ClientHost host) : IClassFixture<ClientHost>, IDisposable
{
    private readonly GrpcClient _grpc = new(new GrpcClientOptions { Address = host.Grpc });
    private EchoClient Echo => new(_grpc);
    private CallOptions Authenticated(Metadata? headers = null, DateTime? deadline = null, bool? compress = null, CancellationTokenSource? cancel = null) =>
        new() { BearerToken = host.Token(), Headers = headers, Deadline = deadline, Compress = compress, CancellationToken = cancel?.Token ?? TestContext.Current.CancellationToken };

    public void Dispose() => _grpc.Dispose();

    [Fact]
    public async Task Unary_call_returns_the_reply_with_the_callers_identity()
    {
        var reply = await Echo.SayAsync(new SayRequest { Text = "hello" }, Authenticated());

        Assert.Equal("hello", reply.Text);
        Assert.Equal("u-1042", reply.Caller);
    }

    [Fact]
    public async Task A_call_without_a_token_is_UNAUTHENTICATED()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => Echo.SayAsync(new SayRequest { Text = "x" }));
        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
    }

    [Fact]
    public async Task Server_streaming_call_yields_every_reply()
    {
        var numbers = new List<int>();
        await foreach (var reply in Echo.Count(new CountRequest { UpTo = 5 }, Authenticated())) numbers.Add(reply.Number);

        Assert.Equal([1, 2, 3, 4, 5], numbers);
    }

    [Fact]
    public async Task A_stream_failing_midway_yields_its_replies_then_throws_the_status()
    {
        var numbers = new List<int>();
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var reply in Echo.Count(new CountRequest { UpTo = 5, FailAfter = 2 }, Authenticated())) numbers.Add(reply.Number);
        });

        Assert.Equal([1, 2], numbers);
        Assert.Equal(StatusCode.Aborted, e.StatusCode);
        Assert.Equal("stopped after 2", e.Message);
    }

    [Fact]
    public async Task Metadata_text_and_binary_travel_both_ways()
    {
        var headers = new Metadata { { "x-echo", "plain text" }, { "x-trace-bin", new byte[] { 1, 2, 250 } } };

        var result = await Echo.SayCallAsync(new SayRequest { Text = "m" }, Authenticated(headers));

        Assert.Equal("plain text", result.ResponseHeaders.GetValue("x-echo-back"));
        Assert.Equal(new byte[] { 250, 2, 1 }, result.ResponseTrailers.GetValueBytes("x-trace-back-bin"));
    }

    [Fact]
    public async Task Gzip_request_is_understood_by_the_server()
    {
        var reply = await Echo.SayAsync(new SayRequest { Text = new string('z', 5000) }, Authenticated(compress: true));

        Assert.Equal(new string('z', 5000), reply.Text);
    }

    [Fact]
    public async Task Error_status_is_thrown_with_its_non_ASCII_message_decoded()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            Echo.SayAsync(new SayRequest { Mode = "rpc", Code = 9, Text = "网格 100% ✓" }, Authenticated()));

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal("网格 100% ✓", e.Message);
    }

    [Fact]
    public async Task Deadline_expiry_throws_DEADLINE_EXCEEDED_and_the_handler_sees_the_cancel()
    {
        var probe = host.Services.GetRequiredService<CallProbe>();

        var e = await Assert.ThrowsAsync<RpcException>(() => Echo.SayAsync(
            new SayRequest { Text = "client-deadline", DelayMs = 20_000 }, Authenticated(deadline: DateTime.UtcNow.AddMilliseconds(300))));

        Assert.Equal(StatusCode.DeadlineExceeded, e.StatusCode);
        Assert.True(await probe.Cancelled("client-deadline").Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Cancelling_a_call_throws_CANCELLED_and_resets_the_stream_for_the_server()
    {
        var probe = host.Services.GetRequiredService<CallProbe>();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        // The server's own deadline is 30 s away: only the client's reset can fire the handler's token this soon.
        var e = await Assert.ThrowsAsync<RpcException>(() => Echo.SayAsync(
            new SayRequest { Text = "client-cancel", DelayMs = 20_000 }, Authenticated(cancel: cancel)));

        Assert.Equal(StatusCode.Cancelled, e.StatusCode);
        Assert.True(await probe.Cancelled("client-cancel").Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_incoming_requests_token_is_forwarded_to_the_outgoing_call()
    {
        using var http = new HttpClient { BaseAddress = host.Http };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/forward");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Issuer.Token("u-77"));

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
        Assert.Equal("u-77", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_idempotent_call_is_retried_after_UNAVAILABLE()
    {
        await using var flaky = await FlakyServer.StartAsync(failures: 2);
        using var grpc = new GrpcClient(new GrpcClientOptions { Address = flaky.Address, InitialBackoff = TimeSpan.FromMilliseconds(20) });

        var reply = await new EchoClient(grpc).SayAsync(new SayRequest(), new CallOptions { Idempotent = true });

        Assert.Equal("finally", reply.Text);
        Assert.Equal(3, flaky.Calls);
    }

    [Fact]
    public async Task A_call_not_marked_idempotent_is_not_retried()
    {
        await using var flaky = await FlakyServer.StartAsync(failures: 1);
        using var grpc = new GrpcClient(new GrpcClientOptions { Address = flaky.Address, InitialBackoff = TimeSpan.FromMilliseconds(20) });

        var e = await Assert.ThrowsAsync<RpcException>(() => new EchoClient(grpc).SayAsync(new SayRequest()));

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Equal("warming up", e.Message);
        Assert.Equal(1, flaky.Calls);
    }

    [Fact]
    public async Task Retries_stop_after_MaxAttempts()
    {
        await using var flaky = await FlakyServer.StartAsync(failures: 10);
        using var grpc = new GrpcClient(new GrpcClientOptions { Address = flaky.Address, InitialBackoff = TimeSpan.FromMilliseconds(10), MaxAttempts = 3 });

        var e = await Assert.ThrowsAsync<RpcException>(() => new EchoClient(grpc).SayAsync(new SayRequest(), new CallOptions { Idempotent = true }));

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Equal(3, flaky.Calls);
    }

    [Fact]
    public async Task HTTP_503_without_a_grpc_status_is_UNAVAILABLE()
    {
        await using var flaky = await FlakyServer.StartAsync(failures: 1, http503: true);
        using var grpc = new GrpcClient(new GrpcClientOptions { Address = flaky.Address });

        var e = await Assert.ThrowsAsync<RpcException>(() => new EchoClient(grpc).SayAsync(new SayRequest()));

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Contains("503", e.Message);
    }

    [Fact]
    public async Task Connection_refused_is_UNAVAILABLE()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var grpc = new GrpcClient(new GrpcClientOptions { Address = new Uri($"http://127.0.0.1:{port}") });

        var e = await Assert.ThrowsAsync<RpcException>(() => new EchoClient(grpc).SayAsync(new SayRequest()));

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
    }
}
