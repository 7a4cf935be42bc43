using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.Gateway.Tests.Infrastructure;

/// <summary>
/// A stand-in service on real Kestrel (loopback): answers every path with what it received (its own name, method,
/// path, query, headers, body length) as JSON, <c>/health/ready</c> with 200, and <c>.../slow</c> after a long wait.
/// It sets a cookie when asked to (<c>X-Echo-Set-Cookie</c>). Stopped and started again on the same port, it plays a
/// service that went down and came back.
/// </summary>
public sealed class EchoService : IAsyncDisposable
{
    private WebApplication? _app;

    private EchoService(string name) => Name = name;

    public string Name { get; }
    public int Port { get; private set; }
    public string Address => $"http://127.0.0.1:{Port}";

    public static async Task<EchoService> StartAsync(string name, int port = 0)
    {
        var echo = new EchoService(name);
        await echo.StartOnAsync(port);
        return echo;
    }

    /// <summary>Starts again on the port it had.</summary>
    public Task RestartAsync() => StartOnAsync(Port);

    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    private async Task StartOnAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapGet("/health/ready", () => Results.Text("ready"));
        app.MapFallback("{**path}", async (HttpContext http) =>
        {
            if (http.Request.Path.Value!.EndsWith("/slow", StringComparison.Ordinal))
                await Task.Delay(TimeSpan.FromMinutes(1), http.RequestAborted);
            var length = 0L;
            var buffer = new byte[8192];
            for (int read; (read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0;) length += read;
            if (http.Request.Headers.TryGetValue("X-Echo-Set-Cookie", out var cookie)) http.Response.Headers.SetCookie = cookie;
            return Results.Json(new Echo(Name, http.Request.Method, http.Request.Path.Value!, http.Request.QueryString.Value ?? "",
                http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), length));
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        _app = app;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}

/// <summary>What an <see cref="EchoService"/> received.</summary>
public sealed record Echo(string Service, string Method, string Path, string Query, Dictionary<string, string> Headers, long BodyLength)
{
    public static async Task<Echo> ReadAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<Echo>(JsonSerializerOptions.Web))!;
    }

    public string? Header(string name) => Headers.GetValueOrDefault(name.ToLowerInvariant());
}
