namespace Governance.Grpc.Server;

/// <summary>Sends the messages of a server-streaming call, one at a time.</summary>
public interface IServerStreamWriter<in T>
{
    /// <summary>Sends <paramref name="message"/>; the first call also sends the response headers.</summary>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}
