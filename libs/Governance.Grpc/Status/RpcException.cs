namespace Governance.Grpc.Status;

/// <summary>
/// Thrown by a handler to end the call with <see cref="StatusCode"/>; the message is sent to the
/// caller as <c>grpc-message</c>, so it must carry no internal detail.
/// </summary>
public sealed class RpcException(StatusCode statusCode, string message) : Exception(message)
{
    /// <summary>The status the call ends with.</summary>
    public StatusCode StatusCode { get; } = statusCode;
}
