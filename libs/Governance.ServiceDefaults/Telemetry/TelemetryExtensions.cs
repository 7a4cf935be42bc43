using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Governance.ServiceDefaults.Telemetry;

/// <summary>
/// Traces and metrics through OpenTelemetry.Extensions.Hosting and the ASP.NET Core, HttpClient,
/// gRPC client and runtime instrumentation, plus the sources and meters libraries emit on their own;
/// JSON console logs carrying trace and span ids.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>
    /// Activity sources every host listens to besides the instrumented ones and the service's own:
    /// MassTransit's, EF Core's and Npgsql's, and every <c>Governance.*</c> library's.
    /// </summary>
    public static readonly string[] PlatformSources = ["MassTransit", "Microsoft.EntityFrameworkCore", "Npgsql", "Governance.*"];

    /// <summary>Meters every host listens to besides the instrumented ones and the service's own.</summary>
    public static readonly string[] PlatformMeters =
        ["Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting",
         "MassTransit", "Microsoft.EntityFrameworkCore", "Npgsql", "Governance.*"];

    /// <summary>Setting that records spans without an OTLP endpoint, for a host that adds its own exporter.</summary>
    public const string RecordTracesKey = "Telemetry:RecordTraces";

    /// <summary>
    /// Registers the tracer and meter providers (started and flushed with the host), exported over
    /// OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (spans are recorded only then, or
    /// with <see cref="RecordTracesKey"/>) (with the other standard
    /// <c>OTEL_EXPORTER_OTLP_*</c> settings read from configuration), and JSON console logs.
    /// </summary>
    public static IHostApplicationBuilder AddDefaultTelemetry(this IHostApplicationBuilder builder)
    {
        var serviceName = builder.Environment.ApplicationName;
        builder.Services.AddSingleton(new ServiceTelemetry(serviceName));

        builder.Logging.ClearProviders();
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });

        var exporting = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(PlatformMeters)
                .AddMeter(serviceName));
        // Spans are recorded only when something receives them: an OTLP endpoint, or an exporter a
        // host adds itself (Telemetry:RecordTraces). Recording and tagging every span with nowhere to
        // send it cost a small rpc a fifth of its time (bench/run-locate-grid.sh). Unrecorded, each
        // request still runs in an Activity of its own, so log lines keep their trace ids and outgoing
        // calls still carry the caller's traceparent.
        if (exporting || builder.Configuration.GetValue<bool>(RecordTracesKey))
            telemetry.WithTracing(tracing => tracing
                // Probes hit every few seconds: their spans would drown the requests worth reading.
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddGrpcClientInstrumentation()
                .AddSource(PlatformSources)
                .AddSource(serviceName));
        if (exporting) telemetry.UseOtlpExporter();
        return builder;
    }
}
