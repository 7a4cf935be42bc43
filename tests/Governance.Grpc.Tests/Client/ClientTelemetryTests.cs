using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Governance.Grpc.Client;
using Governance.Grpc.Status;
using Governance.Grpc.Tests.Echo;
using Governance.Grpc.Tests.Support;

namespace Governance.Grpc.Tests.Client;

/// <summary>
/// Every call our client makes is a client span in the caller's trace, continued by the server through the
/// traceparent on the wire, and an <c>rpc.client.duration</c> per method and status. Each test runs under its
/// own parent span and looks only at its own trace, so calls made by tests running alongside do not count.
/// </summary>
public sealed class ClientTelemetryTests : IClassFixture<GrpcHost>, IDisposable
{
    private static readonly ActivitySource TestSource = new("Governance.Grpc.Tests");

    private readonly GrpcHost _host;
    private readonly GrpcClient _grpc;
    private readonly ConcurrentBag<Activity> _spans = [];
    private readonly ConcurrentBag<(ActivityTraceId? Trace, Dictionary<string, object?> Tags)> _durations = [];
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters;

    public ClientTelemetryTests(GrpcHost host)
    {
        _host = host;
        _grpc = new GrpcClient(new GrpcClientOptions { Address = host.Grpc });
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Governance.Grpc" or "Governance.Grpc.Tests" or "Microsoft.AspNetCore" or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Add,
        };
        ActivitySource.AddActivityListener(_activities);
        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Governance.Grpc" && instrument.Name == "rpc.client.duration")
                    listener.EnableMeasurementEvents(instrument);
            },
        };
        // The client records while its span is current: the trace tells this test's calls from the others'.
        _meters.SetMeasurementEventCallback<double>((_, _, tags, _) =>
            _durations.Add((Activity.Current?.TraceId, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        _meters.Start();
    }

    private EchoClient Echo => new(_grpc);

    private CallOptions Authenticated(DateTime? deadline = null) =>
        new() { BearerToken = _host.Token(), Deadline = deadline, CancellationToken = TestContext.Current.CancellationToken };

    [Fact]
    public async Task Unary_call_is_a_client_span_under_the_callers_span_and_the_server_continues_it()
    {
        using var parent = TestSource.StartActivity("test")!;

        await Echo.SayAsync(new SayRequest { Text = "traced" }, Authenticated());

        var span = await ClientSpanAsync(parent.TraceId);
        Assert.Equal("governance.testing.v1.Echo/Say", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(parent.SpanId, span.ParentSpanId);
        Assert.Equal("grpc", span.GetTagItem("rpc.system"));
        Assert.Equal("governance.testing.v1.Echo", span.GetTagItem("rpc.service"));
        Assert.Equal("Say", span.GetTagItem("rpc.method"));
        Assert.Equal(0, span.GetTagItem("rpc.grpc.status_code"));
        Assert.Equal(_host.Grpc.Host, span.GetTagItem("server.address"));
        Assert.Equal(_host.Grpc.Port, span.GetTagItem("server.port"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);

        // The server's span is in the same trace and descends from the client span (through HttpClient's span,
        // whose traceparent went on the wire).
        var served = await EventuallyAsync(() => _spans.FirstOrDefault(s =>
            s.TraceId == parent.TraceId && s.Source.Name == "Microsoft.AspNetCore" && s.GetTagItem("rpc.system") is not null));
        Assert.Equal("governance.testing.v1.Echo/Say", served.DisplayName);
        Assert.Contains(span.SpanId, Ancestors(served));
        AssertDuration(parent.TraceId, "Say", StatusCode.OK);
    }

    [Fact]
    public async Task A_call_ending_in_an_error_status_is_an_error_span_timed_with_that_status()
    {
        using var parent = TestSource.StartActivity("test")!;

        await Assert.ThrowsAsync<RpcException>(() => Echo.SayAsync(new SayRequest { Text = "no", Mode = "rpc", Code = 9 }, Authenticated()));

        var span = await ClientSpanAsync(parent.TraceId);
        Assert.Equal(9, span.GetTagItem("rpc.grpc.status_code"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("FailedPrecondition", span.StatusDescription);
        AssertDuration(parent.TraceId, "Say", StatusCode.FailedPrecondition);
    }

    [Fact]
    public async Task A_call_past_its_deadline_is_an_error_span_timed_as_DEADLINE_EXCEEDED()
    {
        using var parent = TestSource.StartActivity("test")!;

        await Assert.ThrowsAsync<RpcException>(() => Echo.SayAsync(
            new SayRequest { Text = "slow", DelayMs = 20_000 }, Authenticated(DateTime.UtcNow.AddMilliseconds(300))));

        var span = await ClientSpanAsync(parent.TraceId);
        Assert.Equal((int)StatusCode.DeadlineExceeded, span.GetTagItem("rpc.grpc.status_code"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.True(span.Duration >= TimeSpan.FromMilliseconds(250), $"span lasted {span.Duration}");
        AssertDuration(parent.TraceId, "Say", StatusCode.DeadlineExceeded);
    }

    [Fact]
    public async Task Server_streaming_call_is_one_span_over_the_whole_stream()
    {
        using var parent = TestSource.StartActivity("test")!;

        var numbers = new List<int>();
        await foreach (var reply in Echo.Count(new CountRequest { UpTo = 3 }, Authenticated())) numbers.Add(reply.Number);

        Assert.Equal([1, 2, 3], numbers);
        var span = await ClientSpanAsync(parent.TraceId);
        Assert.Equal("governance.testing.v1.Echo/Count", span.DisplayName);
        Assert.Equal(parent.SpanId, span.ParentSpanId);
        Assert.Equal(0, span.GetTagItem("rpc.grpc.status_code"));
        var served = await EventuallyAsync(() => _spans.FirstOrDefault(s =>
            s.TraceId == parent.TraceId && s.Source.Name == "Microsoft.AspNetCore" && s.GetTagItem("rpc.system") is not null));
        Assert.Contains(span.SpanId, Ancestors(served));
        AssertDuration(parent.TraceId, "Count", StatusCode.OK);
    }

    [Fact]
    public async Task A_stream_failing_midway_ends_its_span_with_the_status()
    {
        using var parent = TestSource.StartActivity("test")!;

        await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in Echo.Count(new CountRequest { UpTo = 5, FailAfter = 2 }, Authenticated())) { }
        });

        var span = await ClientSpanAsync(parent.TraceId);
        Assert.Equal((int)StatusCode.Aborted, span.GetTagItem("rpc.grpc.status_code"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        AssertDuration(parent.TraceId, "Count", StatusCode.Aborted);
    }

    private async Task<Activity> ClientSpanAsync(ActivityTraceId trace) =>
        await EventuallyAsync(() => _spans.SingleOrDefault(s => s.TraceId == trace && s.Source.Name == "Governance.Grpc"));

    private void AssertDuration(ActivityTraceId trace, string method, StatusCode code)
    {
        var (_, tags) = Assert.Single(_durations, d => d.Trace == trace);
        Assert.Equal("governance.testing.v1.Echo", tags["rpc.service"]);
        Assert.Equal(method, tags["rpc.method"]);
        Assert.Equal((int)code, tags["rpc.grpc.status_code"]);
    }

    /// <summary>The span ids above <paramref name="span"/>, as far as this test saw them.</summary>
    private List<ActivitySpanId> Ancestors(Activity span)
    {
        var byId = _spans.Where(s => s.TraceId == span.TraceId).ToDictionary(s => s.SpanId);
        var ancestors = new List<ActivitySpanId>();
        for (var id = span.ParentSpanId; id != default; id = byId.TryGetValue(id, out var up) ? up.ParentSpanId : default)
            ancestors.Add(id);
        return ancestors;
    }

    /// <summary>Server spans end when the response completes, which the client may see first.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<T?> find) where T : class
    {
        for (var waited = 0; waited < 5_000; waited += 20)
        {
            if (find() is { } found) return found;
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        return find() ?? throw new Xunit.Sdk.XunitException("Not seen within 5 s.");
    }

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
        _grpc.Dispose();
    }
}
