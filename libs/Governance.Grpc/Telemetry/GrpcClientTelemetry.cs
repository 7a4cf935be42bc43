using System.Diagnostics;
using System.Diagnostics.Metrics;
using Google.Protobuf.Reflection;
using Governance.Grpc.Status;

namespace Governance.Grpc.Telemetry;

/// <summary>
/// What a call made by <c>GrpcClient</c> leaves behind, in OpenTelemetry's RPC conventions: a client span
/// named <c>package.Service/Method</c> around the whole call (retries included), parent of HttpClient's
/// request spans, so the <c>traceparent</c> HttpClient sends continues it; and <c>rpc.client.duration</c>
/// per method and status, mirroring the server's <c>rpc.server.duration</c>.
/// </summary>
internal static class GrpcClientTelemetry
{
    private static readonly Histogram<double> Duration = GrpcInstruments.Meter.CreateHistogram<double>(
        "rpc.client.duration", "ms", "Duration of gRPC calls made, by method and status.");

    /// <summary>Starts the span of a call to <paramref name="method"/> on <paramref name="address"/>; null when nobody listens.</summary>
    public static Activity? Start(MethodDescriptor method, Uri address)
    {
        if (!GrpcInstruments.Source.HasListeners()) return null;
        var activity = GrpcInstruments.Source.StartActivity(method.Service.FullName + "/" + method.Name, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("rpc.system", "grpc");
            activity.SetTag("rpc.service", method.Service.FullName);
            activity.SetTag("rpc.method", method.Name);
            activity.SetTag("server.address", address.Host);
            activity.SetTag("server.port", address.Port);
        }
        return activity;
    }

    /// <summary>Records the call's duration and ends its span with <paramref name="code"/>.</summary>
    public static void End(Activity? activity, MethodDescriptor method, StatusCode code, long startTimestamp)
    {
        // Recorded while the span is still current, so a measurement can be matched to its trace.
        if (Duration.Enabled)
            Duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds,
                new KeyValuePair<string, object?>("rpc.service", method.Service.FullName),
                new KeyValuePair<string, object?>("rpc.method", method.Name),
                new KeyValuePair<string, object?>("rpc.grpc.status_code", (int)code));
        if (activity is null) return;
        activity.SetTag("rpc.grpc.status_code", (int)code);
        if (code != StatusCode.OK) activity.SetStatus(ActivityStatusCode.Error, code.ToString());
        activity.Stop();
    }

    /// <summary>The status a failed call ends with: the <see cref="RpcException"/>'s, else UNKNOWN.</summary>
    public static StatusCode CodeOf(Exception e) => e is RpcException rpc ? rpc.StatusCode : StatusCode.Unknown;
}
