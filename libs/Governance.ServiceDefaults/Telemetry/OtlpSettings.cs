using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace Governance.ServiceDefaults.Telemetry;

/// <summary>
/// The standard OTEL_EXPORTER_OTLP_* settings, read through configuration (so environment
/// variables, command line and appsettings all work) rather than from the process environment only.
/// </summary>
internal sealed record OtlpSettings(Uri Endpoint, OtlpExportProtocol Protocol, string? Headers)
{
    public static OtlpSettings? From(IConfiguration configuration)
    {
        var endpoint = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint)) return null;
        var protocol = configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] switch
        {
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            _ => OtlpExportProtocol.Grpc,
        };
        return new OtlpSettings(new Uri(endpoint), protocol, configuration["OTEL_EXPORTER_OTLP_HEADERS"]);
    }

    public void Apply(OtlpExporterOptions options, string signalPath)
    {
        options.Protocol = Protocol;
        // Over HTTP each signal has its own path under the base endpoint (OTLP specification);
        // over gRPC the service name routes it.
        options.Endpoint = Protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(Endpoint.ToString().TrimEnd('/') + "/" + signalPath)
            : Endpoint;
        if (Headers is not null) options.Headers = Headers;
    }
}
