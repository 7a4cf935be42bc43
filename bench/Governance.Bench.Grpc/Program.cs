using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;
using Governance.Bench.Grpc;
using Governance.Grpc.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// Two cleartext HTTP/2 ports serving /governance.bench.v1.Echo/Say: the first through grpc-dotnet as the
// platform configures it (AddGrpcServer: interceptor, limits, compression), the second with the framing
// inline and nothing else, so the difference is grpc-dotnet's cost.
// Usage: Governance.Bench.Grpc [grpcPort=5301] [rawPort=5302]; stops on Ctrl+C or SIGTERM.
// Governance.Bench.Grpc client PORT [calls=200000] [concurrency=64]: the generated client against a running grpc port.
if (args is ["client", var port, ..])
    return await ClientLoad.RunAsync(Int(port), args.Length > 2 ? Int(args[2]) : 200_000, args.Length > 3 ? Int(args[3]) : 64);
var layerPort = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5301;
var rawPort = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5302;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(k =>
{
    k.ListenLocalhost(layerPort, o => o.Protocols = HttpProtocols.Http2);
    k.ListenLocalhost(rawPort, o => o.Protocols = HttpProtocols.Http2);
});
builder.AddGrpcServer();

var app = builder.Build();
app.MapGrpcService<EchoHandler>().RequireHost($"*:{layerPort}");
app.MapPost("/governance.bench.v1.Echo/Say", RawSay).RequireHost($"*:{rawPort}");
await app.StartAsync();
// bench/run-grpc.sh waits for this line: the ports are bound once it is printed.
Console.WriteLine($"grpc on http://127.0.0.1:{layerPort}, raw on http://127.0.0.1:{rawPort}");
await app.WaitForShutdownAsync();
return 0;

static int Int(string s) => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

// The same call with no library: one frame in, one frame out, status in the trailers.
static async Task RawSay(HttpContext http)
{
    var reader = http.Request.BodyReader;
    ReadResult read;
    while (true)
    {
        read = await reader.ReadAsync();
        if (read.IsCompleted) break;
        reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
    }
    var buffer = read.Buffer;
    Span<byte> prefix = stackalloc byte[5];
    buffer.Slice(0, 5).CopyTo(prefix);
    var request = SayRequest.Parser.ParseFrom(buffer.Slice(5, BinaryPrimitives.ReadUInt32BigEndian(prefix[1..])));
    reader.AdvanceTo(buffer.End);

    var reply = new SayReply { Text = request.Text };
    http.Response.ContentType = "application/grpc";
    http.Response.DeclareTrailer("grpc-status");
    var size = reply.CalculateSize();
    var span = http.Response.BodyWriter.GetSpan(5 + size);
    span[0] = 0;
    BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)size);
    reply.WriteTo(span.Slice(5, size));
    http.Response.BodyWriter.Advance(5 + size);
    await http.Response.BodyWriter.FlushAsync();
    http.Response.AppendTrailer("grpc-status", "0");
}

internal sealed class EchoHandler : Echo.EchoBase
{
    public override Task<SayReply> Say(SayRequest request, ServerCallContext context) => Task.FromResult(new SayReply { Text = request.Text });
}
