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

    /// <summary>
    /// Registers the tracer and meter providers (started and flushed with the host), exported over
    /// OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (with the other standard
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

        // Without an exporter the providers still run, so that in-process listeners see the spans.
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing
                // Probes hit every few seconds: their spans would drown the requests worth reading.
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddGrpcClientInstrumentation()
                .AddSource(PlatformSources)
                .AddSource(serviceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(PlatformMeters)
                .AddMeter(serviceName));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) telemetry.UseOtlpExporter();
        return builder;
    }
}
