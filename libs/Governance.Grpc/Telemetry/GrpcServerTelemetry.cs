using System.Diagnostics;
using System.Diagnostics.Metrics;
using Governance.Grpc.Server;
using Governance.Grpc.Status;

namespace Governance.Grpc.Telemetry;

/// <summary>
/// What a served call leaves behind, in OpenTelemetry's RPC conventions. The span is ASP.NET Core's
/// request span (it has already taken the caller's W3C <c>traceparent</c>): renamed after the rpc and
/// tagged with its status. Metrics count calls and time them per method and status, on the
/// "Governance.Grpc" meter that every host listens to.
/// </summary>
internal static class GrpcServerTelemetry
{
    private static readonly Histogram<double> Duration = GrpcInstruments.Meter.CreateHistogram<double>(
        "rpc.server.duration", "ms", "Duration of gRPC calls served, by method and status.");

    /// <summary>Records the end of a call to <paramref name="rpc"/>.</summary>
    public static void Record(RpcName rpc, StatusCode code, long startTimestamp)
    {
        var activity = Activity.Current;
        if (activity is not null)
        {
            activity.DisplayName = rpc.SpanName;
            activity.SetTag("rpc.system", "grpc");
            activity.SetTag("rpc.service", rpc.Service);
            activity.SetTag("rpc.method", rpc.Method);
            activity.SetTag("rpc.grpc.status_code", (int)code);
            if (code != StatusCode.OK) activity.SetStatus(ActivityStatusCode.Error, code.ToString());
        }
        if (!Duration.Enabled) return;
        Duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds,
            new KeyValuePair<string, object?>("rpc.service", rpc.Service),
            new KeyValuePair<string, object?>("rpc.method", rpc.Method),
            new KeyValuePair<string, object?>("rpc.grpc.status_code", (int)code));
    }
}
