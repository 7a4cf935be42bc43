using System.Net;
using Governance.Grpc.Tests.Echo;
using Governance.Grpc.Tests.Support;
using Google.Protobuf;

namespace Governance.Grpc.Tests;

/// <summary>What no well-behaved client sends, answered per PROTOCOL-HTTP2.md.</summary>
public sealed class MalformedCallTests(GrpcHost host) : IClassFixture<GrpcHost>
{
    private const string Say = "/governance.testing.v1.Echo/Say";

    private async Task<GrpcAnswer> SendAsync(byte[] body, Action<HttpRequestMessage>? edit = null, string path = Say, string? token = "")
    {
        using var http = GrpcWire.Client(host.Grpc);
        return await GrpcWire.CallAsync(http, path, body, token == "" ? host.Token() : token, edit);
    }

    [Fact]
    public async Task Truncated_frame_prefix_is_INTERNAL()
    {
        var answer = await SendAsync([0, 0, 0]);

        Assert.Equal(HttpStatusCode.OK, answer.Http);
        Assert.Equal(13, answer.Status);
    }

    [Fact]
    public async Task Length_prefix_larger_than_the_body_is_INTERNAL()
    {
        var answer = await SendAsync(GrpcWire.Frame(new SayRequest { Text = "short" }.ToByteArray(), declaredLength: 100));

        Assert.Equal(13, answer.Status);
        Assert.Contains("ended inside a message", answer.Message);
    }

    [Fact]
    public async Task Message_split_across_reads_and_two_in_one_read_are_framed_correctly()
    {
        // Two messages in one body: a unary call must refuse the second, which proves both were framed.
        var one = GrpcWire.Frame(new SayRequest { Text = "a" });
        var answer = await SendAsync([.. one, .. one]);

        Assert.Equal(13, answer.Status);
        Assert.Contains("more than one message", answer.Message);

        // One message dribbled a byte at a time.
        using var http = GrpcWire.Client(host.Grpc);
        var dribbled = await GrpcWire.CallAsync(http, Say, [], host.Token(),
            r =>
            {
                r.Content = new DribbleContent(GrpcWire.Frame(new SayRequest { Text = "dribbled" }));
                r.Content.Headers.ContentType = new("application/grpc");
            });
        Assert.Equal(0, dribbled.Status);
        Assert.Equal("dribbled", dribbled.Single(SayReply.Parser).Text);
    }

    [Fact]
    public async Task Binary_header_that_is_not_base64_is_INTERNAL_before_the_handler_runs()
    {
        var answer = await SendAsync(GrpcWire.Frame(new SayRequest { Text = "bin" }), r => r.Headers.TryAddWithoutValidation("x-trace-bin", "not base64!"));

        Assert.Equal(13, answer.Status);
        Assert.Equal("The binary header 'x-trace-bin' is not base64.", answer.Message);
        Assert.Empty(answer.Messages);
    }

    [Fact]
    public async Task Unparsable_message_followed_by_a_second_is_refused_for_the_second()
    {
        var answer = await SendAsync([.. GrpcWire.Frame([0xFF, 0xFF]), .. GrpcWire.Frame(new SayRequest { Text = "b" })]);
        var single = await SendAsync(GrpcWire.Frame([0xFF, 0xFF]));

        Assert.Equal(13, answer.Status);
        Assert.Contains("more than one message", answer.Message);
        Assert.Equal(13, single.Status);
        Assert.Equal("The request is not a valid SayRequest message.", single.Message);
    }

    [Fact]
    public async Task Compressed_flag_without_grpc_encoding_is_INTERNAL()
    {
        var answer = await SendAsync(GrpcWire.Frame(GrpcWire.Gzip(new SayRequest { Text = "z" }.ToByteArray()), compressed: true));

        Assert.Equal(13, answer.Status);
        Assert.Contains("without a grpc-encoding", answer.Message);
    }

    [Fact]
    public async Task Unknown_encoding_is_UNIMPLEMENTED_naming_the_accepted_ones()
    {
        var answer = await SendAsync(GrpcWire.Frame(new SayRequest { Text = "z" }), r => r.Headers.Add("grpc-encoding", "snappy"));

        Assert.Equal(12, answer.Status);
        Assert.Equal("identity,gzip", answer.Header("grpc-accept-encoding"));
    }

    [Fact]
    public async Task Bytes_that_are_not_the_declared_message_are_INTERNAL()
    {
        // Field 1, length-delimited, claims 16 bytes but has 1: no protobuf parser accepts it.
        var answer = await SendAsync(GrpcWire.Frame([0x0A, 0x10, 0x41]));

        Assert.Equal(13, answer.Status);
        Assert.Contains("not a valid SayRequest", answer.Message);
    }

    [Fact]
    public async Task Message_above_the_receive_limit_is_RESOURCE_EXHAUSTED()
    {
        var big = new SayRequest { Text = new string('x', GrpcHost.MaxReceiveMessageBytes + 1) };
        var answer = await SendAsync(GrpcWire.Frame(big));

        Assert.Equal(8, answer.Status);
    }

    [Fact]
    public async Task Gzip_bomb_above_the_receive_limit_is_RESOURCE_EXHAUSTED()
    {
        var big = new SayRequest { Text = new string('x', GrpcHost.MaxReceiveMessageBytes * 2) };
        var answer = await SendAsync(GrpcWire.Frame(GrpcWire.Gzip(big.ToByteArray()), compressed: true),
            r => r.Headers.Add("grpc-encoding", "gzip"));

        Assert.Equal(8, answer.Status);
    }

    [Fact]
    public async Task Wrong_content_type_is_HTTP_415()
    {
        using var http = GrpcWire.Client(host.Grpc);
        using var request = new HttpRequestMessage(HttpMethod.Post, Say)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(GrpcWire.Frame(new SayRequest())),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Authorization = new("Bearer", host.Token());
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task HTTP_1_1_is_refused_with_426()
    {
        using var http = GrpcWire.Client(host.Http, HttpVersion.Version11);
        using var request = new HttpRequestMessage(HttpMethod.Post, Say)
        {
            Version = HttpVersion.Version11,
            Content = new ByteArrayContent(GrpcWire.Frame(new SayRequest())),
        };
        request.Content.Headers.ContentType = new("application/grpc");
        request.Headers.Authorization = new("Bearer", host.Token());
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
    }

    [Theory]
    [InlineData("/governance.testing.v1.Echo/Shout", "Method Shout of service governance.testing.v1.Echo is unimplemented.")]
    [InlineData("/governance.testing.v1.Nope/Say", "Service governance.testing.v1.Nope is unimplemented.")]
    public async Task Unknown_service_or_method_is_UNIMPLEMENTED(string path, string message)
    {
        var answer = await SendAsync(GrpcWire.Frame(new SayRequest()), path: path);

        Assert.Equal(HttpStatusCode.OK, answer.Http);
        Assert.Equal(12, answer.Status);
        Assert.Equal(message, answer.Message);
    }

    [Fact]
    public async Task Malformed_grpc_timeout_is_INTERNAL()
    {
        var answer = await SendAsync(GrpcWire.Frame(new SayRequest()), r => r.Headers.TryAddWithoutValidation("grpc-timeout", "123456789S"));

        Assert.Equal(13, answer.Status);
    }

    /// <summary>Sends its bytes one flush at a time, so the server sees the frame in many reads.</summary>
    private sealed class DribbleContent(byte[] bytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            foreach (var b in bytes)
            {
                await stream.WriteAsync(new[] { b });
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
