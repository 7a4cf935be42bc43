using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Governance.ServiceDefaults.Telemetry;
using Governance.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Governance.ServiceDefaults.Tests.Defaults;

// Activity listeners are process-wide and tests run in parallel: every span is picked out by a
// route no other test uses.
public sealed class TracingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<DefaultsHost> StartAsync(List<Activity> spans, Action<WebApplication> map) => DefaultsHost.StartAsync(
        configure: builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)),
        map: map,
        settings: new Dictionary<string, string?> { [TelemetryExtensions.RecordTracesKey] = "true" });

    private static Activity[] Exported(List<Activity> spans)
    {
        lock (spans) return [.. spans];
    }

    [Fact]
    public async Task Request_yields_a_server_span_named_for_its_route()
    {
        var spans = new List<Activity>();
        await using var host = await StartAsync(spans, app => app.MapGet("/api/traced/{id}", (string id) => id).AllowAnonymous());

        var response = await host.Client().GetAsync("/api/traced/42", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(
            Exported(spans).Any(s => s.Kind == ActivityKind.Server && (string?)s.GetTagItem("http.route") == "/api/traced/{id}")), Ct),
            "no server span with the route was exported: " + string.Join(", ", Exported(spans).Select(s => $"{s.Kind} {s.DisplayName}")));
        var server = Exported(spans).First(s => s.Kind == ActivityKind.Server && (string?)s.GetTagItem("http.route") == "/api/traced/{id}");
        Assert.Equal("GET /api/traced/{id}", server.DisplayName);
        Assert.Equal(200, Convert.ToInt32(server.GetTagItem("http.response.status_code")));
    }

    [Fact]
    public async Task Outgoing_call_made_while_serving_a_request_continues_its_trace()
    {
        // Another service, reached over HTTP: it records the traceparent it was sent.
        var received = new ConcurrentQueue<string>();
        var downstream = WebApplication.CreateSlimBuilder();
        downstream.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var downstreamApp = downstream.Build();
        downstreamApp.MapGet("/downstream/echo", (HttpRequest request) =>
        {
            received.Enqueue(request.Headers["traceparent"].ToString());
            return "echo";
        });
        await downstreamApp.StartAsync(Ct);
        var downstreamUrl = downstreamApp.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var spans = new List<Activity>();
        await using var host = await StartAsync(spans, app => app.MapGet("/api/relay",
            (IHttpClientFactory clients, CancellationToken ct) => clients.CreateClient().GetStringAsync(downstreamUrl + "/downstream/echo", ct)).AllowAnonymous());

        var response = await host.Client().GetAsync("/api/relay", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Activity? Server() => Exported(spans).FirstOrDefault(s => s.Kind == ActivityKind.Server && (string?)s.GetTagItem("http.route") == "/api/relay");
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(Server() is not null), Ct), "no server span for /api/relay");
        var server = Server()!;
        // The test's own call is a client span of this trace too (same process): the relay's is the server span's child.
        var client = Assert.Single(Exported(spans), s => s.Kind == ActivityKind.Client && s.ParentSpanId == server.SpanId);
        Assert.Equal(server.TraceId, client.TraceId);
        Assert.EndsWith("/downstream/echo", (string?)client.GetTagItem("url.full"));
        // W3C trace context: 00-<trace id>-<parent span id>-<flags>; the parent is the client span.
        var traceparent = Assert.Single(received).Split('-');
        Assert.Equal(server.TraceId.ToHexString(), traceparent[1]);
        Assert.Equal(client.SpanId.ToHexString(), traceparent[2]);
    }
}
