namespace Governance.Grpc.Server;

/// <summary>
/// Limits of the gRPC server. JSON shape:
/// <code>
/// "Grpc": { "MaxReceiveMessageBytes": 4194304 }
/// </code>
/// </summary>
public sealed class GrpcServerOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Grpc";

    /// <summary>Largest request message accepted, after decompression (the gRPC default, 4 MiB); larger ones end in RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageBytes { get; set; } = 4 * 1024 * 1024;
}
