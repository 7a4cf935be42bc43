using System.Diagnostics;
using System.Text.Json;
using Governance.Grpc.Tests.Echo;
using Governance.Grpc.Tests.Support;
using Google.Protobuf;

namespace Governance.Grpc.Tests;

/// <summary>
/// Debian's python3-grpcio, an implementation we did not write, calls the server: the proof that
/// the layer speaks gRPC and not just what our own tests expect (ADR 1).
/// </summary>
public sealed class InteropTests(GrpcHost host) : IClassFixture<GrpcHost>
{
    private const string Python = "/usr/bin/python3";

    [Fact]
    public async Task Python_grpcio_client_gets_replies_streams_statuses_metadata_and_gzip()
    {
        var descriptor = Path.Combine(Path.GetTempPath(), $"echo-{Guid.NewGuid():n}.pb");
        await File.WriteAllBytesAsync(descriptor, EchoReflection.Descriptor.SerializedData.ToByteArray(), TestContext.Current.CancellationToken);
        try
        {
            var json = await RunClientAsync($"127.0.0.1:{host.Grpc.Port}", host.Token(), descriptor);
            var r = JsonDocument.Parse(json).RootElement;

            Assert.Equal("hello", r.GetProperty("unary").GetString());
            Assert.Equal("u-1042", r.GetProperty("caller").GetString());
            Assert.Equal("from python", r.GetProperty("echo_back").GetString());
            Assert.Equal([250, 2, 1], r.GetProperty("trace_back").EnumerateArray().Select(e => e.GetInt32()));
            Assert.Equal([1, 2, 3, 4], r.GetProperty("stream").EnumerateArray().Select(e => e.GetInt32()));
            Assert.Equal(["FAILED_PRECONDITION", "网格 100% ✓"], r.GetProperty("error").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal("DEADLINE_EXCEEDED", r.GetProperty("deadline").GetString());
            Assert.Equal("zipped", r.GetProperty("gzip").GetString());
            Assert.Equal("UNAUTHENTICATED", r.GetProperty("anonymous").GetString());
            Assert.Equal("UNIMPLEMENTED", r.GetProperty("unimplemented").GetString());
        }
        finally
        {
            File.Delete(descriptor);
        }
    }

    private static async Task<string> RunClientAsync(params string[] args) => await RunScriptAsync("echo_client.py", args);

    internal static async Task<string> RunScriptAsync(string script, params string[] args)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Interop", script));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The Python client did not finish within 60 s: " + await stderr);
        }
        Assert.True(process.ExitCode == 0, $"The Python client failed ({process.ExitCode}): {await stderr}");
        return (await stdout).Trim().Split('\n')[^1];
    }
}
