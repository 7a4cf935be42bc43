namespace Governance.ServiceDefaults.Hosting;

/// <summary>
/// Where a host listens. JSON shape:
/// <code>
/// "Hosting": { "BindAddress": "127.0.0.1", "HttpPort": 8080, "GrpcPort": 8081,
///              "CertificatePath": null, "CertificatePassword": null,
///              "TrustedProxies": [ "10.0.0.0/8", "192.168.1.20" ] }
/// </code>
/// A port of 0 picks a free one (tests); a certificate turns on TLS on both listeners.
/// </summary>
public sealed class HostingOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Hosting";

    /// <summary>Address both listeners bind to: 127.0.0.1 standalone, 0.0.0.0 in a pod.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>HTTP/1.1 (and HTTP/2 over TLS) for REST, Open311, OIDC and the console.</summary>
    public int HttpPort { get; set; } = 8080;

    /// <summary>HTTP/2 only (cleartext unless a certificate is set) for gRPC.</summary>
    public int GrpcPort { get; set; } = 8081;

    /// <summary>PFX or PEM certificate; when set, both listeners use TLS.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Password of <see cref="CertificatePath"/>, from a secret, never from a values file.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// The ingress or load balancers whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are
    /// believed: IP addresses and CIDR networks. Empty (the default): those headers are ignored, and
    /// the client is whoever opened the connection (see <see cref="ForwardedHeadersExtensions"/>).
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];
}
