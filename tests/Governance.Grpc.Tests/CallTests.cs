using System.Net;
using Governance.Grpc.Tests.Echo;
using Governance.Grpc.Tests.Support;
using Google.Protobuf;

namespace Governance.Grpc.Tests;

/// <summary>Well-formed calls: replies, streams, metadata, compression, statuses a handler chooses.</summary>
public sealed class CallTests(GrpcHost host) : IClassFixture<GrpcHost>
{
    private const string Say = "/governance.testing.v1.Echo/Say";
    private const string Count = "/governance.testing.v1.Echo/Count";

    private async Task<GrpcAnswer> SayAsync(SayRequest request, Action<HttpRequestMessage>? edit = null)
    {
        using var http = GrpcWire.Client(host.Grpc);
        return await GrpcWire.CallAsync(http, Say, GrpcWire.Frame(request), host.Token(), edit);
    }

    [Fact]
    public async Task Unary_call_answers_the_reply_then_status_OK_in_trailers()
    {
        var answer = await SayAsync(new SayRequest { Text = "hello" });

        Assert.Equal(HttpStatusCode.OK, answer.Http);
        Assert.Equal("application/grpc", answer.ContentType);
        var reply = answer.Single(SayReply.Parser);
        Assert.Equal("hello", reply.Text);
        Assert.Equal("u-1042", reply.Caller);
        Assert.True(answer.Trailers.Contains("grpc-status"));
        Assert.Equal(0, answer.Status);
    }

    [Fact]
    public async Task Server_streaming_call_sends_every_message_then_OK()
    {
        using var http = GrpcWire.Client(host.Grpc);
        var answer = await GrpcWire.CallAsync(http, Count, GrpcWire.Frame(new CountRequest { UpTo = 5 }), host.Token());

        Assert.Equal([1, 2, 3, 4, 5], answer.Messages.Select(m => CountReply.Parser.ParseFrom(m).Number));
        Assert.Equal(0, answer.Status);
    }

    [Fact]
    public async Task A_stream_failing_midway_keeps_its_messages_and_ends_with_the_status_in_trailers()
    {
        using var http = GrpcWire.Client(host.Grpc);
        var answer = await GrpcWire.CallAsync(http, Count, GrpcWire.Frame(new CountRequest { UpTo = 5, FailAfter = 2 }), host.Token());

        Assert.Equal(2, answer.Messages.Count);
        Assert.Equal(10, answer.Status);
        Assert.Equal("stopped after 2", answer.Message);
    }

    [Fact]
    public async Task Metadata_text_and_binary_round_trip_in_headers_and_trailers()
    {
        var answer = await SayAsync(new SayRequest { Text = "m" }, r =>
        {
            r.Headers.Add("x-echo", "plain text");
            r.Headers.Add("x-trace-bin", Convert.ToBase64String([1, 2, 3, 250]).TrimEnd('='));
        });

        Assert.Equal(0, answer.Status);
        Assert.Equal("plain text", answer.Headers.GetValues("x-echo-back").Single());
        Assert.Equal([250, 3, 2, 1], Convert.FromBase64String(answer.Trailers.GetValues("x-trace-back-bin").Single()));
    }

    [Fact]
    public async Task Gzip_request_is_read()
    {
        using var http = GrpcWire.Client(host.Grpc);
        var body = GrpcWire.Frame(GrpcWire.Gzip(new SayRequest { Text = "zipped" }.ToByteArray()), compressed: true);
        var answer = await GrpcWire.CallAsync(http, Say, body, host.Token(), r => r.Headers.Add("grpc-encoding", "gzip"));

        Assert.Equal(0, answer.Status);
        Assert.Equal("zipped", answer.Single(SayReply.Parser).Text);
    }

    [Fact]
    public async Task Handler_status_with_non_ascii_message_is_percent_encoded_utf8()
    {
        var answer = await SayAsync(new SayRequest { Mode = "rpc", Code = 9, Text = "网格 100% ✓" });

        Assert.Equal(HttpStatusCode.OK, answer.Http);
        Assert.Equal(9, answer.Status);
        Assert.Equal("%E7%BD%91%E6%A0%BC 100%25 %E2%9C%93", answer.RawMessage);
        Assert.Equal("网格 100% ✓", answer.Message);
        Assert.Empty(answer.Messages);
        Assert.Equal("handler", answer.Headers.GetValues("x-failed-at").Single());
    }

    [Theory]
    [InlineData("Invalid", 3)]
    [InlineData("NotFound", 5)]
    [InlineData("Duplicate", 6)]
    [InlineData("RuleViolated", 9)]
    [InlineData("Forbidden", 7)]
    public async Task DomainException_kinds_map_to_their_status(string kind, int status)
    {
        var answer = await SayAsync(new SayRequest { Mode = "domain", Text = kind });

        Assert.Equal(status, answer.Status);
        Assert.Equal("refused: " + kind, answer.Message);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(99)]
    [InlineData(-1)]
    public async Task Handler_status_outside_0_to_16_is_sent_as_UNKNOWN(int code)
    {
        // Found by the fuzz test: a flipped byte turned the echo's code into 38, and 38 went out as grpc-status.
        var answer = await SayAsync(new SayRequest { Mode = "rpc", Code = code, Text = "odd" });

        Assert.Equal(2, answer.Status);
    }

    [Fact]
    public async Task Unhandled_exception_is_INTERNAL_without_its_detail()
    {
        var answer = await SayAsync(new SayRequest { Mode = "crash" });

        Assert.Equal(13, answer.Status);
        Assert.DoesNotContain("hunter2", answer.Message);
        Assert.DoesNotContain("InvalidOperation", answer.Message);
    }

    [Fact]
    public async Task Deadline_exceeded_answers_DEADLINE_EXCEEDED_and_fires_the_handlers_token()
    {
        var probe = host.Services.GetService(typeof(CallProbe)) as CallProbe;
        var answer = await SayAsync(new SayRequest { Text = "slow", DelayMs = 20_000 }, r => r.Headers.Add("grpc-timeout", "200m"));

        Assert.Equal(4, answer.Status);
        Assert.True(await probe!.Cancelled("slow").Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Client_cancel_fires_the_handlers_token()
    {
        var probe = (CallProbe)host.Services.GetService(typeof(CallProbe))!;
        using var http = GrpcWire.Client(host.Grpc);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, Say)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(GrpcWire.Frame(new SayRequest { Text = "abandoned", DelayMs = 20_000 })),
        };
        request.Content.Headers.ContentType = new("application/grpc");
        request.Headers.Authorization = new("Bearer", host.Token());

        var send = http.SendAsync(request, cancel.Token);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        Assert.True(await probe.Cancelled("abandoned").Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
    }
}
