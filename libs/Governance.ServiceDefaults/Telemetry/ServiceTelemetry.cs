using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Governance.ServiceDefaults.Telemetry;

/// <summary>The service's own activity source and meter, both named after the application.</summary>
public sealed class ServiceTelemetry(string serviceName) : IDisposable
{
    /// <summary>Source for the service's own spans.</summary>
    public ActivitySource Source { get; } = new(serviceName);

    /// <summary>Meter for the service's own instruments.</summary>
    public Meter Meter { get; } = new(serviceName);

    /// <inheritdoc />
    public void Dispose()
    {
        Source.Dispose();
        Meter.Dispose();
    }
}
