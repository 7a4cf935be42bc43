namespace Governance.ServiceDefaults.Limits;

/// <summary>
/// Request limits. JSON shape:
/// <code>
/// "Limits": { "MaxRequestBodyBytes": 1048576, "MaxBodyCeilingBytes": 16777216,
///             "PublicRequestsPerMinute": 120, "PublicBurst": 30 }
/// </code>
/// </summary>
public sealed class LimitsOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Limits";

    /// <summary>Default body limit of an HTTP request (REST, forms); 413 beyond it.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Kestrel's hard ceiling, for endpoints that declare a larger limit (imports) and for gRPC streams.</summary>
    public long MaxBodyCeilingBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Sustained rate each caller may send to a public endpoint.</summary>
    public int PublicRequestsPerMinute { get; set; } = 120;

    /// <summary>Requests a caller may send at once before the sustained rate applies.</summary>
    public int PublicBurst { get; set; } = 30;
}
