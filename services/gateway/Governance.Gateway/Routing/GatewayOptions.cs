namespace Governance.Gateway.Routing;

/// <summary>
/// Where the services are and how long the gateway waits for them. JSON shape:
/// <code>
/// "Gateway": {
///   "Services": { "identity": "http://identity:8080", "grid": "http://grid:8080", "videoalert": "http://video-alert:8080" },
///   "MaxRequestBodyBytes": 16777216, "ConnectTimeout": "00:00:05", "ActivityTimeout": "00:01:40", "ReadyTimeout": "00:00:02"
/// }
/// </code>
/// Each service is its HTTP port's base address (8080: REST, Open311, OIDC; never the gRPC port). A known service
/// left out is not routed: its paths answer 404 and the readiness check does not wait for it.
/// </summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>Service name (<see cref="KnownServices"/>) → base address, e.g. <c>http://grid:8080</c>.</summary>
    public Dictionary<string, string> Services { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The largest body passed on: the services' own ceiling (Limits:MaxBodyCeilingBytes, 16 MiB), so that imports
    /// that declare a larger limit than the 1 MiB default reach their service, which applies its own limit per endpoint.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>How long opening a connection to a service may take before the caller gets 502.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a forwarded request may go without any bytes moving before the caller gets 504.</summary>
    public TimeSpan ActivityTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>How long each service's <c>/health/ready</c> may take before the gateway counts it as down (under the probe's 3 s).</summary>
    public TimeSpan ReadyTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
