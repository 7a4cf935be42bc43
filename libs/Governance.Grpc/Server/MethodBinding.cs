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

    /// <summary>Settles, once the host's services are known, how each call gets its service instance.</summary>
    public abstract void Prepare(IServiceProvider services);

    /// <summary>The single request message of a unary or server-streaming call.</summary>
    protected static async ValueTask<TRequest> ReadSingleAsync<TRequest>(GrpcCall call, MessageParser<TRequest> parser)
        where TRequest : class, IMessage<TRequest>
    {
        var token = call.Context.CancellationToken;
        TRequest? request = null;
        var valid = true;
        try
        {
            request = await call.Reader.ReadAsync(parser, token)
                ?? throw new RpcException(StatusCode.Internal, "The request carries no message.");
        }
        catch (InvalidProtocolBufferException) { valid = false; } // a second message is the first thing wrong, as when parsing came last
        if (await call.Reader.ReadAsync(token) is not null)
            throw new RpcException(StatusCode.Internal, "The request carries more than one message.");
        return valid ? request! : throw NotA<TRequest>();
    }

    /// <summary>The next request message of a stream, parsed where it lies in the request body.</summary>
    protected static async ValueTask<TRequest?> ReadAsync<TRequest>(GrpcCall call, MessageParser<TRequest> parser, CancellationToken cancellationToken)
        where TRequest : class, IMessage<TRequest>
    {
        try { return await call.Reader.ReadAsync(parser, cancellationToken); }
        catch (InvalidProtocolBufferException) { throw NotA<TRequest>(); }
    }

    /// <summary>
    /// INTERNAL, as grpc-go and grpc-java answer a request they cannot deserialize: the peer's
    /// codec is broken, which is not an argument the caller chose.
    /// </summary>
    private static RpcException NotA<TRequest>() =>
        new(StatusCode.Internal, $"The request is not a valid {typeof(TRequest).Name} message.");
}

/// <summary>A unary rpc: one request, one reply.</summary>
internal sealed class UnaryBinding<TService, TRequest, TReply>(
    string name, Func<TService, TRequest, ServerCallContext, Task<TReply>> handler)
    : MethodBinding(name, false, new TRequest().Descriptor, new TReply().Descriptor)
    where TService : class
    where TRequest : class, IMessage<TRequest>, new()
    where TReply : class, IMessage<TReply>, new()
{
    // protoc's own parser: its factory is a plain constructor call, not new TRequest() through reflection.
    private static readonly MessageParser<TRequest> Parser = (MessageParser<TRequest>)new TRequest().Descriptor.Parser;
    private ServiceResolver<TService>? _services;

    public override void Prepare(IServiceProvider services) => _services = new ServiceResolver<TService>(services);

    public override async Task InvokeAsync(GrpcCall call)
    {
        var request = await ReadSingleAsync(call, Parser);
        var service = _services!.Resolve(call.Http);
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
    // protoc's own parser: its factory is a plain constructor call, not new TRequest() through reflection.
    private static readonly MessageParser<TRequest> Parser = (MessageParser<TRequest>)new TRequest().Descriptor.Parser;
    private ServiceResolver<TService>? _services;

    public override void Prepare(IServiceProvider services) => _services = new ServiceResolver<TService>(services);

    public override async Task InvokeAsync(GrpcCall call)
    {
        var request = await ReadSingleAsync(call, Parser);
        var service = _services!.Resolve(call.Http);
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
    // protoc's own parser: its factory is a plain constructor call, not new TRequest() through reflection.
    private static readonly MessageParser<TRequest> Parser = (MessageParser<TRequest>)new TRequest().Descriptor.Parser;
    private ServiceResolver<TService>? _services;

    public override void Prepare(IServiceProvider services) => _services = new ServiceResolver<TService>(services);

    public override async Task InvokeAsync(GrpcCall call)
    {
        var service = _services!.Resolve(call.Http);
        await handler(service, ReadAllAsync(call), new Writer(call), call.Context);
    }

    private static async IAsyncEnumerable<TRequest> ReadAllAsync(GrpcCall call)
    {
        while (await ReadAsync(call, Parser, call.Context.CancellationToken) is { } request)
            yield return request;
    }

    private sealed class Writer(GrpcCall call) : IServerStreamWriter<TReply>
    {
        public Task WriteAsync(TReply message, CancellationToken cancellationToken = default) =>
            call.WriteAsync(message, cancellationToken.CanBeCanceled ? cancellationToken : call.Context.CancellationToken);
    }
}
