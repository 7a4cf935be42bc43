using System.Diagnostics;
using System.Diagnostics.Metrics;
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

    /// <summary>Records the end of a call to <paramref name="method"/> (<c>/package.Service/Method</c>).</summary>
    public static void Record(string method, StatusCode code, long startTimestamp)
    {
        var (service, name) = Split(method);
        var activity = Activity.Current;
        if (activity is not null)
        {
            activity.DisplayName = method.TrimStart('/');
            activity.SetTag("rpc.system", "grpc");
            activity.SetTag("rpc.service", service);
            activity.SetTag("rpc.method", name);
            activity.SetTag("rpc.grpc.status_code", (int)code);
            if (code != StatusCode.OK) activity.SetStatus(ActivityStatusCode.Error, code.ToString());
        }
        Duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds,
            new KeyValuePair<string, object?>("rpc.service", service),
            new KeyValuePair<string, object?>("rpc.method", name),
            new KeyValuePair<string, object?>("rpc.grpc.status_code", (int)code));
    }

    private static (string Service, string Method) Split(string method)
    {
        var slash = method.LastIndexOf('/');
        return (method[1..slash], method[(slash + 1)..]);
    }
}
