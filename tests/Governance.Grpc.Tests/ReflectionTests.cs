using System.Buffers.Binary;
using System.Net;
using System.Threading.Channels;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Governance.Grpc.Tests.Echo;
using Governance.Grpc.Tests.Support;
using Grpc.Reflection.V1Alpha;
using Case = Grpc.Reflection.V1Alpha.ServerReflectionResponse.MessageResponseOneofCase;

namespace Governance.Grpc.Tests;

/// <summary>grpc.reflection.v1alpha.ServerReflection: the bidirectional stream grpcurl opens.</summary>
public sealed class ReflectionTests(StandardGrpcHost host) : IClassFixture<StandardGrpcHost>
{
    private const string Info = "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";

    private async Task<GrpcAnswer> AskAsync(string? token, params ServerReflectionRequest[] requests)
    {
        using var http = GrpcWire.Client(host.Grpc);
        return await GrpcWire.CallAsync(http, Info, [.. requests.SelectMany(r => GrpcWire.Frame(r))], token);
    }

    [Fact]
    public async Task List_services_then_file_containing_symbol_answer_in_order_with_the_files()
    {
        var answer = await AskAsync(host.Token(),
            new ServerReflectionRequest { ListServices = "" },
            new ServerReflectionRequest { FileContainingSymbol = "governance.testing.v1.Echo.Say" },
            new ServerReflectionRequest { FileByFilename = EchoReflection.Descriptor.Name });

        Assert.Equal(0, answer.Status);
        var replies = answer.Messages.Select(ServerReflectionResponse.Parser.ParseFrom).ToList();
        Assert.Equal([Case.ListServicesResponse, Case.FileDescriptorResponse, Case.FileDescriptorResponse], replies.Select(r => r.MessageResponseCase));
        Assert.Equal(["governance.testing.v1.Echo", "grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection"],
            replies[0].ListServicesResponse.Service.Select(s => s.Name));
        Assert.Equal("governance.testing.v1.Echo.Say", replies[1].OriginalRequest.FileContainingSymbol);
        foreach (var reply in replies.Skip(1))
        {
            var file = FileDescriptorProto.Parser.ParseFrom(Assert.Single(reply.FileDescriptorResponse.FileDescriptorProto));
            Assert.Equal(EchoReflection.Descriptor.Name, file.Name);
            Assert.Equal(["Say", "Count"], Assert.Single(file.Service).Method.Select(m => m.Name));
        }
    }

    [Theory]
    [InlineData("grpc.health.v1.HealthCheckResponse.ServingStatus")]
    [InlineData("grpc.health.v1.HealthCheckRequest.service")]
    public async Task Nested_symbols_are_found(string symbol)
    {
        var answer = await AskAsync(host.Token(), new ServerReflectionRequest { FileContainingSymbol = symbol });

        var reply = answer.Single(ServerReflectionResponse.Parser);
        Assert.Equal("grpc.health.v1", FileDescriptorProto.Parser.ParseFrom(Assert.Single(reply.FileDescriptorResponse.FileDescriptorProto)).Package);
    }

    [Fact]
    public async Task Unknown_symbol_is_an_error_reply_and_the_stream_goes_on()
    {
        var answer = await AskAsync(host.Token(),
            new ServerReflectionRequest { FileContainingSymbol = "governance.nope.v1.Nope" },
            new ServerReflectionRequest { ListServices = "" });

        Assert.Equal(0, answer.Status);
        var replies = answer.Messages.Select(ServerReflectionResponse.Parser.ParseFrom).ToList();
        Assert.Equal(5, replies[0].ErrorResponse.ErrorCode);
        Assert.Equal(Case.ListServicesResponse, replies[1].MessageResponseCase);
    }

    [Fact]
    public async Task Anonymous_caller_is_UNAUTHENTICATED()
    {
        var answer = await AskAsync(null, new ServerReflectionRequest { ListServices = "" });

        Assert.Equal(16, answer.Status);
        Assert.Empty(answer.Messages);
    }

    [Fact]
    public async Task Each_request_is_answered_before_the_caller_sends_the_next()
    {
        // Full duplex: the second request is only written after the first reply has been read.
        var outgoing = Channel.CreateUnbounded<byte[]>();
        using var http = GrpcWire.Client(host.Grpc);
        using var request = new HttpRequestMessage(HttpMethod.Post, Info)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ChannelContent(outgoing.Reader),
        };
        request.Content.Headers.ContentType = new("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Headers.Authorization = new("Bearer", host.Token());
        var ct = TestContext.Current.CancellationToken;

        await outgoing.Writer.WriteAsync(GrpcWire.Frame(new ServerReflectionRequest { ListServices = "" }), ct);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        Assert.Equal(Case.ListServicesResponse, (await ReadAsync(body, ct)).MessageResponseCase);

        await outgoing.Writer.WriteAsync(GrpcWire.Frame(new ServerReflectionRequest { FileContainingSymbol = "grpc.health.v1.Health" }), ct);
        Assert.Equal(Case.FileDescriptorResponse, (await ReadAsync(body, ct)).MessageResponseCase);

        outgoing.Writer.Complete();
        Assert.Equal(0, await body.ReadAsync(new byte[1], ct));
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
    }

    private static async Task<ServerReflectionResponse> ReadAsync(Stream body, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var prefix = new byte[5];
        await body.ReadExactlyAsync(prefix, timeout.Token);
        var payload = new byte[BinaryPrimitives.ReadUInt32BigEndian(prefix.AsSpan(1))];
        await body.ReadExactlyAsync(payload, timeout.Token);
        return ServerReflectionResponse.Parser.ParseFrom(payload);
    }

    /// <summary>Request content written frame by frame as the test pushes them, flushed each time.</summary>
    private sealed class ChannelContent(ChannelReader<byte[]> frames) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await foreach (var frame in frames.ReadAllAsync())
            {
                await stream.WriteAsync(frame);
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
