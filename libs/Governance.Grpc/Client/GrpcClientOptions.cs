namespace Governance.Grpc.Client;

/// <summary>
/// Where a <see cref="GrpcClient"/> sends its calls and its defaults. JSON shape when bound:
/// <c>{ "Address": "http://grid:8081", "DefaultDeadline": "00:00:30", "CompressRequests": false, "MaxAttempts": 3 }</c>
/// </summary>
public sealed class GrpcClientOptions
{
    /// <summary>The server's base address; <c>http://</c> speaks HTTP/2 with prior knowledge (h2c).</summary>
    public Uri? Address { get; set; }

    /// <summary>The deadline of a call that sets none: a gRPC call without one could wait forever.</summary>
    public TimeSpan DefaultDeadline { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gzip every request message unless the call says otherwise.</summary>
    public bool CompressRequests { get; set; }

    /// <summary>Attempts of an idempotent call answered UNAVAILABLE, the first included.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The first backoff between attempts; it doubles, with jitter, and never passes the deadline.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The largest reply message accepted (after gunzip).</summary>
    public int MaxReceiveMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Forward the current ASP.NET Core request's <c>Authorization</c> header when a call sets none.</summary>
    public bool ForwardAuthorization { get; set; } = true;
}
