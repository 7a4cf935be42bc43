using Google.Protobuf;
using Governance.Grpc.Tests.Echo;
using Governance.Grpc.Tests.Support;
using Grpc.Core;
using static Governance.Grpc.Tests.Support.EchoChannel;

namespace Governance.Grpc.Tests;

/// <summary>The 4 MiB receive limit and gzip both ways, as AddGrpcServer sets them.</summary>
public sealed class LimitsTests(GrpcHost host) : IClassFixture<GrpcHost>
{
    private const int FourMiB = 4 * 1024 * 1024;

    [Fact]
    public async Task A_message_above_4_MiB_is_RESOURCE_EXHAUSTED_also_when_it_arrives_gzipped()
    {
        using var echo = new EchoChannel(host.Grpc);
        var big = new SayRequest { Text = new string('x', FourMiB) };
        Assert.True(big.CalculateSize() > FourMiB);
        var plain = await StatusOfAsync(() => echo.Client.SayAsync(big, As(host.Token())).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, plain.StatusCode);
        // Some kilobytes on the wire, more than 4 MiB once inflated.
        var zipped = await StatusOfAsync(() => echo.Client.SayAsync(big, As(host.Token(), Gzip())).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, zipped.StatusCode);

        var fits = new SayRequest { Text = new string('y', 1024 * 1024) };
        Assert.Equal(fits.Text, (await echo.Client.SayAsync(fits, As(host.Token())).ResponseAsync).Text);
    }

    [Fact]
    public async Task A_gzipped_request_is_read_and_the_reply_comes_gzipped_to_a_caller_that_accepts_it()
    {
        var seen = new EncodingProbe();
        using var echo = new EchoChannel(host.Grpc, seen);
        var text = string.Concat(Enumerable.Repeat("网格化服务管理 ", 200));
        using var call = echo.Client.SayAsync(new SayRequest { Text = text }, As(host.Token(), Gzip()));
        Assert.Equal(text, (await call.ResponseAsync).Text);
        Assert.Equal("gzip", seen.RequestEncoding);
        Assert.Equal("gzip", seen.ResponseEncoding);
    }

    [Fact]
    public async Task A_reply_under_1_KiB_goes_out_uncompressed_to_a_caller_that_accepts_gzip_and_a_larger_one_gzipped()
    {
        using var http = GrpcWire.Client(host.Grpc);
        async Task<GrpcAnswer> SayAsync(string text) => await GrpcWire.CallAsync(http, "/governance.testing.v1.Echo/Say",
            GrpcWire.Frame(new SayRequest { Text = text }), host.Token(), r => r.Headers.Add("grpc-accept-encoding", "identity,gzip"));

        var small = await SayAsync("网格化服务管理");
        Assert.Equal(0, small.Status);
        Assert.False(Assert.Single(small.Compressed));
        Assert.Equal("网格化服务管理", SayReply.Parser.ParseFrom(small.Messages[0]).Text);

        var text = string.Concat(Enumerable.Repeat("网格化服务管理 ", 200));
        var large = await SayAsync(text);
        Assert.Equal(0, large.Status);
        Assert.Equal("gzip", large.Header("grpc-encoding"));
        Assert.True(Assert.Single(large.Compressed));
        using var inflated = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(new MemoryStream(large.Messages[0]), System.IO.Compression.CompressionMode.Decompress))
            gzip.CopyTo(inflated);
        Assert.Equal(text, SayReply.Parser.ParseFrom(inflated.ToArray()).Text);
    }

    // grpc-dotnet compresses a request when the call asks with this header.
    private static Metadata Gzip() => new() { { "grpc-internal-encoding-request", "gzip" } };

    /// <summary>Records the grpc-encoding of both directions on the wire (the client's Metadata hides it).</summary>
    private sealed class EncodingProbe() : DelegatingHandler(new SocketsHttpHandler())
    {
        public string? RequestEncoding { get; private set; }
        public string? ResponseEncoding { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            RequestEncoding = request.Headers.TryGetValues("grpc-encoding", out var sent) ? sent.Single() : null;
            var response = await base.SendAsync(request, cancellationToken);
            ResponseEncoding = response.Headers.TryGetValues("grpc-encoding", out var received) ? received.Single() : null;
            return response;
        }
    }
}
