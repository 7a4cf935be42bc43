using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Governance.ServiceDefaults.Telemetry;

/// <summary>
/// Traces, metrics and logs. OpenTelemetry.Extensions.Hosting and the instrumentation packages
/// are missing from the registry here (STACK.md), so the providers are built with the SDK and
/// listen to the activity sources and meters that ASP.NET Core, HttpClient and MassTransit emit
/// on their own.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>Activity sources every host listens to, besides the service's own.</summary>
    public static readonly string[] PlatformSources =
        ["Microsoft.AspNetCore", "System.Net.Http", "MassTransit", "Governance.Grpc", "Governance.Messaging"];

    /// <summary>Meters every host listens to, besides the service's own.</summary>
    public static readonly string[] PlatformMeters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting",
         "System.Net.Http", "MassTransit", "Governance.Grpc", "Governance.Messaging"];

    /// <summary>Registers tracer and meter providers, and JSON console logs carrying trace and span ids.</summary>
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

        // Without OTEL_EXPORTER_OTLP_ENDPOINT nothing is exported, but the providers still run so
        // that in-process listeners see the spans.
        var otlp = OtlpSettings.From(builder.Configuration);
        var resource = ResourceBuilder.CreateDefault().AddService(serviceName);

        builder.Services.AddSingleton(_ =>
        {
            var tracing = Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(resource)
                .AddSource(PlatformSources)
                .AddSource(serviceName);
            if (otlp is not null) tracing.AddOtlpExporter(o => otlp.Apply(o, "v1/traces"));
            return tracing.Build()!;
        });
        builder.Services.AddSingleton(_ =>
        {
            var metrics = Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(resource)
                .AddMeter(PlatformMeters)
                .AddMeter(serviceName);
            if (otlp is not null) metrics.AddOtlpExporter(o => otlp.Apply(o, "v1/metrics"));
            return metrics.Build()!;
        });
        // Resolving the providers at start-up is what turns the listeners on.
        builder.Services.AddHostedService<TelemetryStarter>();
        return builder;
    }
}
