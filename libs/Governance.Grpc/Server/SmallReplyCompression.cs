using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Governance.Grpc.Server;

/// <summary>
/// A unary reply smaller than <see cref="MinimumBytes"/> goes out uncompressed, even to a caller that accepts gzip
/// (every grpc-dotnet client does): gzip saves a few bytes on a small protobuf message but sets up a compressor on
/// the server and a decompressor on the client for each one, which the population look-up's profile showed as the
/// largest single cost of its reply. Larger replies are compressed as <c>AddGrpcServer</c> configures. The message's
/// own flag says it is not compressed, as the gRPC protocol allows whatever the call's grpc-encoding header says.
/// </summary>
public sealed class SmallReplyCompression : Interceptor
{
    /// <summary>Replies below this many bytes (serialized) are not compressed.</summary>
    public const int MinimumBytes = 1024;

    /// <inheritdoc />
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var response = await continuation(request, context);
        if (response is IMessage message && message.CalculateSize() < MinimumBytes)
            context.WriteOptions = new WriteOptions((context.WriteOptions?.Flags ?? default) | WriteFlags.NoCompress);
        return response;
    }
}
