using System.Diagnostics;
using Governance.Grpc.Client;
using Governance.Grpc.Server;
using Governance.Grpc.Status;
using Governance.Grpc.Tests.Echo;
using Governance.Grpc.Tests.Support;
using Google.Protobuf;

namespace Governance.Grpc.Tests.Client;

/// <summary>Our client calls Debian's python3-grpcio serving Echo: the proof in the other direction (ADR 1).</summary>
public sealed class PythonServerTests
{
    [Fact]
    public async Task Our_client_calls_a_Python_grpcio_server()
    {
        var ct = TestContext.Current.CancellationToken;
        var descriptor = Path.Combine(Path.GetTempPath(), $"echo-{Guid.NewGuid():n}.pb");
        await File.WriteAllBytesAsync(descriptor, EchoReflection.Descriptor.SerializedData.ToByteArray(), ct);
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Interop", "echo_server.py"));
        start.ArgumentList.Add(descriptor);
        using var python = Process.Start(start)!;
        try
        {
            var stderr = python.StandardError.ReadToEndAsync(ct);
            var portLine = await python.StandardOutput.ReadLineAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), ct);
            Assert.True(int.TryParse(portLine, out var port), $"The Python server did not start: {portLine} {(python.HasExited ? await stderr : "")}");
            using var grpc = new GrpcClient(new GrpcClientOptions { Address = new Uri($"http://127.0.0.1:{port}") });
            var echo = new EchoClient(grpc);
            CallOptions With(Metadata? headers = null, DateTime? deadline = null, bool? compress = null) =>
                new() { BearerToken = "t-1", Headers = headers, Deadline = deadline, Compress = compress, CancellationToken = ct };

            var result = await echo.SayCallAsync(new SayRequest { Text = "hello" },
                With(new Metadata { { "x-echo", "from dotnet" }, { "x-trace-bin", new byte[] { 1, 2, 250 } } }));
            Assert.Equal("hello", result.Reply.Text);
            Assert.Equal("Bearer t-1", result.Reply.Caller);
            Assert.Equal("from dotnet", result.ResponseHeaders.GetValue("x-echo-back"));
            Assert.Equal(new byte[] { 250, 2, 1 }, result.ResponseTrailers.GetValueBytes("x-trace-back-bin"));

            var numbers = new List<int>();
            await foreach (var reply in echo.Count(new CountRequest { UpTo = 4 }, With())) numbers.Add(reply.Number);
            Assert.Equal([1, 2, 3, 4], numbers);

            var error = await Assert.ThrowsAsync<RpcException>(() => echo.SayAsync(new SayRequest { Mode = "rpc", Code = 9, Text = "网格 100% ✓" }, With()));
            Assert.Equal((StatusCode.FailedPrecondition, "网格 100% ✓"), (error.StatusCode, error.Message));

            var late = await Assert.ThrowsAsync<RpcException>(() =>
                echo.SayAsync(new SayRequest { Text = "slow", DelayMs = 20_000 }, With(deadline: DateTime.UtcNow.AddMilliseconds(300))));
            Assert.Equal(StatusCode.DeadlineExceeded, late.StatusCode);
            Assert.Equal("cancelled slow", await python.StandardOutput.ReadLineAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(5), ct));

            Assert.Equal("zipped", (await echo.SayAsync(new SayRequest { Text = "zipped" }, With(compress: true))).Text);
        }
        finally
        {
            python.StandardInput.Close();
            if (!python.WaitForExit(TimeSpan.FromSeconds(5))) python.Kill(entireProcessTree: true);
            File.Delete(descriptor);
        }
    }
}
