using Governance.Grpc.Server;

namespace Governance.Grpc.Client;

/// <summary>Per-call settings of a <see cref="GrpcClient"/> call; every one is optional.</summary>
public sealed class CallOptions
{
    /// <summary>When the call gives up (UTC); defaults to now plus <see cref="GrpcClientOptions.DefaultDeadline"/>.</summary>
    public DateTime? Deadline { get; init; }

    /// <summary>Metadata sent as request headers: text keys as is, <c>-bin</c> keys base64-encoded.</summary>
    public Metadata? Headers { get; init; }

    /// <summary>Cancels the call; the server sees the stream reset and its handler's token fire.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Safe to send twice: only such a call is retried, and only when answered UNAVAILABLE.</summary>
    public bool Idempotent { get; init; }

    /// <summary>A bearer token for this call (background work has no request to forward one from).</summary>
    public string? BearerToken { get; init; }

    /// <summary>Gzip the request message; null follows <see cref="GrpcClientOptions.CompressRequests"/>.</summary>
    public bool? Compress { get; init; }
}
