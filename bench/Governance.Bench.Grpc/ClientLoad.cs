using System.Diagnostics;
using Grpc.Net.Client;

namespace Governance.Bench.Grpc;

/// <summary>The generated client's calls per second against grpc-dotnet: unary echo calls, a fixed number in flight.</summary>
internal static class ClientLoad
{
    public static async Task<int> RunAsync(int port, int calls, int concurrency)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
        });
        var client = new Echo.EchoClient(channel);
        var request = new SayRequest { Text = "hello" };
        async Task Call() => await client.SayAsync(request);

        await Parallel.ForEachAsync(Enumerable.Range(0, 5_000), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (_, _) => await Call());
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, calls), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (_, _) => await Call());
        Console.WriteLine($"client {calls / clock.Elapsed.TotalSeconds:F0} calls/s ({calls} calls, {concurrency} in flight)");
        return 0;
    }
}
