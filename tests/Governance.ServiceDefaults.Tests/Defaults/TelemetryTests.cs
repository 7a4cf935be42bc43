using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.ServiceDefaults.Tests.Defaults;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Request_spans_are_exported_over_otlp_when_an_endpoint_is_configured()
    {
        // A stand-in collector: a real Kestrel that records what the exporter posts to it.
        var received = new ConcurrentDictionary<string, byte[]>();
        var collector = WebApplication.CreateSlimBuilder();
        collector.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var collectorApp = collector.Build();
        collectorApp.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.AddOrUpdate(signal, body.ToArray(), (_, old) => [.. old, .. body.ToArray()]);
            return Results.Ok();
        });
        await collectorApp.StartAsync(TestContext.Current.CancellationToken);
        var collectorUrl = collectorApp.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var host = await DefaultsHost.StartAsync(
            map: app => app.MapGet("/api/demo/ping", () => "pong").AllowAnonymous(),
            settings: new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collectorUrl,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            });
        var response = await host.Client().GetAsync("/api/demo/ping", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.DisposeAsync(); // stopping the host flushes the exporters

        Assert.True(received.TryGetValue("traces", out var traces), "no spans were exported");
        var text = Encoding.UTF8.GetString(traces);
        Assert.Contains("/api/demo/ping", text);
        Assert.Contains("Microsoft.AspNetCore", text);
        Assert.True(received.ContainsKey("metrics"), "no metrics were exported");
    }
}
