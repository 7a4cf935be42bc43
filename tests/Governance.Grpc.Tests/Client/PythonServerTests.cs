using System.Diagnostics;
using Governance.Grpc.Client;
using Governance.Grpc.Tests.Echo;
using Governance.Testing;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Grpc.Tests.Client;

/// <summary>The generated typed client, registered the platform's way, calls Debian's python3-grpcio serving Echo.</summary>
public sealed class PythonServerTests
{
    [Fact]
    public async Task Our_typed_client_calls_a_Python_grpcio_server()
    {
        var ct = TestContext.Current.CancellationToken;
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Interop", "echo_server.py"));
        start.Environment["PYTHONPATH"] = await PythonProtos.GenerateAsync(ct);
        using var python = Process.Start(start)!;
        try
        {
            var stderr = python.StandardError.ReadToEndAsync(ct);
            var portLine = await python.StandardOutput.ReadLineAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), ct);
            Assert.True(int.TryParse(portLine, out var port), $"The Python server did not start: {portLine} {(python.HasExited ? await stderr : "")}");
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddGovernanceGrpcClient<Echo.Echo.EchoClient>(Echo.Echo.Descriptor, new Uri($"http://127.0.0.1:{port}"));
            await using var clients = services.BuildServiceProvider();
            var echo = clients.GetRequiredService<Echo.Echo.EchoClient>();
            var served = new DefaultHttpContext();
            served.Request.Headers.Authorization = "Bearer t-1";
            clients.GetRequiredService<IHttpContextAccessor>().HttpContext = served;

            var hello = await echo.SayAsync(new SayRequest { Text = "hello" }, cancellationToken: ct);
            Assert.Equal(("hello", "Bearer t-1"), (hello.Text, hello.Caller));
            // The default deadline went out as grpc-timeout: the server has at most 30 s left.
            var remaining = double.Parse((await echo.SayAsync(new SayRequest { Text = "deadline" }, cancellationToken: ct)).Text, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(remaining, 20, 30);

            var numbers = new List<int>();
            using (var count = echo.Count(new CountRequest { UpTo = 4 }, cancellationToken: ct))
                await foreach (var reply in count.ResponseStream.ReadAllAsync(ct)) numbers.Add(reply.Number);
            Assert.Equal([1, 2, 3, 4], numbers);

            var error = await Assert.ThrowsAsync<RpcException>(() => echo.SayAsync(new SayRequest { Mode = "rpc", Code = 9, Text = "网格 100% ✓" }, cancellationToken: ct).ResponseAsync);
            Assert.Equal((StatusCode.FailedPrecondition, "网格 100% ✓"), (error.StatusCode, error.Status.Detail));

            var late = await Assert.ThrowsAsync<RpcException>(() =>
                echo.SayAsync(new SayRequest { Text = "slow", DelayMs = 20_000 }, deadline: DateTime.UtcNow.AddMilliseconds(300), cancellationToken: ct).ResponseAsync);
            Assert.Equal(StatusCode.DeadlineExceeded, late.StatusCode);
            Assert.Equal("cancelled slow", await python.StandardOutput.ReadLineAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(5), ct));

            var zipped = new Metadata { { "grpc-internal-encoding-request", "gzip" } };
            Assert.Equal("zipped", (await echo.SayAsync(new SayRequest { Text = "zipped" }, zipped, cancellationToken: ct)).Text);
        }
        finally
        {
            python.StandardInput.Close();
            if (!python.WaitForExit(TimeSpan.FromSeconds(5))) python.Kill(entireProcessTree: true);
        }
    }
}
