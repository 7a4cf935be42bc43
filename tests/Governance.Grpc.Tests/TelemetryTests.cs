using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Governance.Grpc.Tests.Echo;
using Governance.Grpc.Tests.Support;

namespace Governance.Grpc.Tests;

/// <summary>A served call leaves a span named after the rpc, in the caller's trace, and a duration per method and status.</summary>
public sealed class TelemetryTests(GrpcHost host) : IClassFixture<GrpcHost>, IDisposable
{
    private const string Say = "/governance.testing.v1.Echo/Say";
    private readonly ConcurrentBag<Activity> _spans = [];
    private readonly ConcurrentBag<(double Ms, Dictionary<string, object?> Tags)> _durations = [];
    private ActivityListener? _activities;
    private MeterListener? _meters;

    private void Listen()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Add,
        };
        ActivitySource.AddActivityListener(_activities);
        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Governance.Grpc" && instrument.Name == "rpc.server.duration")
                    listener.EnableMeasurementEvents(instrument);
            },
        };
        _meters.SetMeasurementEventCallback<double>((_, value, tags, _) =>
            _durations.Add((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        _meters.Start();
    }

    [Fact]
    public async Task Call_continues_the_callers_trace_in_a_span_named_after_the_rpc_and_is_timed_with_its_status()
    {
        Listen();
        var trace = ActivityTraceId.CreateRandom();
        using var http = GrpcWire.Client(host.Grpc);

        await GrpcWire.CallAsync(http, Say, GrpcWire.Frame(new SayRequest { Text = "traced" }), host.Token(),
            request => request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01"));
        await GrpcWire.CallAsync(http, Say, GrpcWire.Frame(new SayRequest { Text = "refused", Mode = "rpc", Code = 9 }), host.Token());

        // The trace also holds the test issuer's spans (discovery and JWKS fetched during validation).
        var span = Assert.Single(_spans, s => s.TraceId == trace && s.GetTagItem("rpc.system") is not null);
        Assert.Equal("governance.testing.v1.Echo/Say", span.DisplayName);
        Assert.Equal("grpc", span.GetTagItem("rpc.system"));
        Assert.Equal("governance.testing.v1.Echo", span.GetTagItem("rpc.service"));
        Assert.Equal("Say", span.GetTagItem("rpc.method"));
        Assert.Equal(0, span.GetTagItem("rpc.grpc.status_code"));
        Assert.Contains(_durations, d => Equals(d.Tags["rpc.method"], "Say") && Equals(d.Tags["rpc.grpc.status_code"], 0));
        Assert.Contains(_durations, d => Equals(d.Tags["rpc.method"], "Say") && Equals(d.Tags["rpc.grpc.status_code"], 9));
    }

    public void Dispose()
    {
        _activities?.Dispose();
        _meters?.Dispose();
    }
}
