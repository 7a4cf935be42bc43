using System.Diagnostics;
using Governance.Grpc.Client;

namespace Governance.Bench.Grpc;

/// <summary>Our client's calls per second against our server: unary echo calls, a fixed number in flight.</summary>
internal static class ClientLoad
{
    public static async Task<int> RunAsync(int port, int calls, int concurrency)
    {
        using var client = new GrpcClient(new GrpcClientOptions { Address = new Uri($"http://127.0.0.1:{port}") });
        var say = BenchReflection.Descriptor.Services[0].FindMethodByName("Say");
        var request = new SayRequest { Text = "hello" };
        async Task Call() => await client.UnaryAsync(say, request, SayReply.Parser);

        await Parallel.ForEachAsync(Enumerable.Range(0, 5_000), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (_, _) => await Call());
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, calls), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (_, _) => await Call());
        Console.WriteLine($"client {calls / clock.Elapsed.TotalSeconds:F0} calls/s ({calls} calls, {concurrency} in flight)");
        return 0;
    }
}
