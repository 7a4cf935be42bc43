using System.Net;
using Governance.Grpc.Tests.Echo;
using Governance.Grpc.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Grpc.Tests.Client;

/// <summary>An h2c server whose Echo/Say fails the first <c>failures</c> calls (UNAVAILABLE, or HTTP 503), then answers.</summary>
public sealed class FlakyServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failuresLeft;
    private int _calls;

    private FlakyServer(WebApplication app, int failures) { _app = app; _failuresLeft = failures; }

    public Uri Address { get; private set; } = null!;
    public int Calls => Volatile.Read(ref _calls);

    public static async Task<FlakyServer> StartAsync(int failures, bool http503 = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        var server = new FlakyServer(app, failures);
        app.MapPost("/governance.testing.v1.Echo/Say", async (HttpContext http) =>
        {
            Interlocked.Increment(ref server._calls);
            await http.Request.Body.CopyToAsync(Stream.Null);
            http.Response.ContentType = "application/grpc";
            if (Interlocked.Decrement(ref server._failuresLeft) >= 0)
            {
                if (http503) http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                else { http.Response.Headers["grpc-status"] = "14"; http.Response.Headers["grpc-message"] = "warming up"; }
                return;
            }
            await http.Response.Body.WriteAsync(GrpcWire.Frame(new SayReply { Text = "finally" }));
            http.Response.AppendTrailer("grpc-status", "0");
        });
        await app.StartAsync();
        server.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
