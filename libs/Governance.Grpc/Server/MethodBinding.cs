using Google.Protobuf;
using Google.Protobuf.Reflection;
using Governance.Grpc.Status;

namespace Governance.Grpc.Server;

/// <summary>How one rpc of the proto is served: its kind, message types and the handler.</summary>
internal abstract class MethodBinding(string name, bool serverStreaming, MessageDescriptor input, MessageDescriptor output, bool clientStreaming = false)
{
    public string Name { get; } = name;
    public bool ClientStreaming { get; } = clientStreaming;
    public bool ServerStreaming { get; } = serverStreaming;
    public MessageDescriptor Input { get; } = input;
    public MessageDescriptor Output { get; } = output;

    public abstract Task InvokeAsync(GrpcCall call);

    /// <summary>The single request message of a unary or server-streaming call.</summary>
    protected static async Task<TRequest> ReadSingleAsync<TRequest>(GrpcCall call, MessageParser<TRequest> parser)
        where TRequest : IMessage<TRequest>
    {
        var token = call.Context.CancellationToken;
        var bytes = await call.Reader.ReadAsync(token)
            ?? throw new RpcException(StatusCode.Internal, "The request carries no message.");
        if (await call.Reader.ReadAsync(token) is not null)
            throw new RpcException(StatusCode.Internal, "The request carries more than one message.");
        return Parse(bytes, parser);
    }

    /// <summary>Parses one request message; bytes that are not one are INTERNAL.</summary>
    protected static TRequest Parse<TRequest>(byte[] bytes, MessageParser<TRequest> parser) where TRequest : IMessage<TRequest>
    {
        try
        {
            return parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            // INTERNAL, as grpc-go and grpc-java answer a request they cannot deserialize: the peer's
            // codec is broken, which is not an argument the caller chose.
            throw new RpcException(StatusCode.Internal, $"The request is not a valid {typeof(TRequest).Name} message.");
        }
    }
}

/// <summary>A unary rpc: one request, one reply.</summary>
internal sealed class UnaryBinding<TService, TRequest, TReply>(
    string name, Func<TService, TRequest, ServerCallContext, Task<TReply>> handler)
    : MethodBinding(name, false, new TRequest().Descriptor, new TReply().Descriptor)
    where TService : class
    where TRequest : class, IMessage<TRequest>, new()
    where TReply : class, IMessage<TReply>, new()
{
    private static readonly MessageParser<TRequest> Parser = new(() => new TRequest());

    public override async Task InvokeAsync(GrpcCall call)
    {
        var request = await ReadSingleAsync(call, Parser);
        var service = ServiceResolver.Resolve<TService>(call.Http);
        var reply = await handler(service, request, call.Context);
        await call.WriteAsync(reply, call.Context.CancellationToken);
    }
}

/// <summary>A server-streaming rpc: one request, any number of replies.</summary>
internal sealed class ServerStreamingBinding<TService, TRequest, TReply>(
    string name, Func<TService, TRequest, IServerStreamWriter<TReply>, ServerCallContext, Task> handler)
    : MethodBinding(name, true, new TRequest().Descriptor, new TReply().Descriptor)
    where TService : class
    where TRequest : class, IMessage<TRequest>, new()
    where TReply : class, IMessage<TReply>, new()
{
    private static readonly MessageParser<TRequest> Parser = new(() => new TRequest());

    public override async Task InvokeAsync(GrpcCall call)
    {
        var request = await ReadSingleAsync(call, Parser);
        var service = ServiceResolver.Resolve<TService>(call.Http);
        await handler(service, request, new Writer(call), call.Context);
    }

    private sealed class Writer(GrpcCall call) : IServerStreamWriter<TReply>
    {
        public Task WriteAsync(TReply message, CancellationToken cancellationToken = default) =>
            call.WriteAsync(message, cancellationToken.CanBeCanceled ? cancellationToken : call.Context.CancellationToken);
    }
}

/// <summary>A bidirectional-streaming rpc: requests and replies flow independently until both sides finish.</summary>
internal sealed class DuplexStreamingBinding<TService, TRequest, TReply>(
    string name, Func<TService, IAsyncEnumerable<TRequest>, IServerStreamWriter<TReply>, ServerCallContext, Task> handler)
    : MethodBinding(name, true, new TRequest().Descriptor, new TReply().Descriptor, clientStreaming: true)
    where TService : class
    where TRequest : class, IMessage<TRequest>, new()
    where TReply : class, IMessage<TReply>, new()
{
    private static readonly MessageParser<TRequest> Parser = new(() => new TRequest());

    public override async Task InvokeAsync(GrpcCall call)
    {
        var service = ServiceResolver.Resolve<TService>(call.Http);
        await handler(service, ReadAllAsync(call), new Writer(call), call.Context);
    }

    private static async IAsyncEnumerable<TRequest> ReadAllAsync(GrpcCall call)
    {
        while (await call.Reader.ReadAsync(call.Context.CancellationToken) is { } bytes)
            yield return Parse(bytes, Parser);
    }

    private sealed class Writer(GrpcCall call) : IServerStreamWriter<TReply>
    {
        public Task WriteAsync(TReply message, CancellationToken cancellationToken = default) =>
            call.WriteAsync(message, cancellationToken.CanBeCanceled ? cancellationToken : call.Context.CancellationToken);
    }
}
