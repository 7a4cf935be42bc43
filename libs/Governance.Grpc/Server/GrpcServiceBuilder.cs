using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Governance.Grpc.Server;

/// <summary>
/// Binds the rpcs of one proto service to handlers on <typeparamref name="TService"/>. The proto's
/// <see cref="ServiceDescriptor"/> is the source of truth: a binding that disagrees with it, or an
/// rpc left unbound, fails when the service is mapped, not when a caller first tries it.
/// </summary>
/// <typeparam name="TService">Resolved from the request's scope for every call.</typeparam>
public sealed class GrpcServiceBuilder<TService> where TService : class
{
    private readonly Dictionary<string, MethodBinding> _bindings = new(StringComparer.Ordinal);

    internal GrpcServiceBuilder(ServiceDescriptor service) => Service = service;

    /// <summary>The proto service being bound.</summary>
    public ServiceDescriptor Service { get; }

    internal IReadOnlyCollection<MethodBinding> Bindings => _bindings.Values;

    /// <summary>Binds the unary rpc <paramref name="method"/>.</summary>
    public GrpcServiceBuilder<TService> Unary<TRequest, TReply>(string method, Func<TService, TRequest, ServerCallContext, Task<TReply>> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TReply : class, IMessage<TReply>, new() =>
        Add(new UnaryBinding<TService, TRequest, TReply>(method, handler));

    /// <summary>Binds the server-streaming rpc <paramref name="method"/>.</summary>
    public GrpcServiceBuilder<TService> ServerStreaming<TRequest, TReply>(
        string method, Func<TService, TRequest, IServerStreamWriter<TReply>, ServerCallContext, Task> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TReply : class, IMessage<TReply>, new() =>
        Add(new ServerStreamingBinding<TService, TRequest, TReply>(method, handler));

    /// <summary>
    /// Binds the bidirectional-streaming rpc <paramref name="method"/>: the handler reads the caller's messages
    /// as they arrive (the sequence ends when the caller half-closes) and writes replies at any time.
    /// </summary>
    public GrpcServiceBuilder<TService> DuplexStreaming<TRequest, TReply>(
        string method, Func<TService, IAsyncEnumerable<TRequest>, IServerStreamWriter<TReply>, ServerCallContext, Task> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TReply : class, IMessage<TReply>, new() =>
        Add(new DuplexStreamingBinding<TService, TRequest, TReply>(method, handler));

    private GrpcServiceBuilder<TService> Add(MethodBinding binding)
    {
        var rpc = Service.FindMethodByName(binding.Name)
            ?? throw Mismatch(binding.Name, $"is not an rpc of service {Service.FullName}");
        if (rpc.IsClientStreaming && !rpc.IsServerStreaming)
            throw Mismatch(rpc.Name, "is client-streaming, which this server does not support yet");
        if (rpc.IsClientStreaming != binding.ClientStreaming)
            throw Mismatch(rpc.Name, rpc.IsClientStreaming ? "is bidirectional-streaming but was bound otherwise" : "is not bidirectional-streaming but was bound as such");
        if (rpc.IsServerStreaming != binding.ServerStreaming)
            throw Mismatch(rpc.Name, rpc.IsServerStreaming ? "is server-streaming but was bound as unary" : "is unary but was bound as server-streaming");
        if (rpc.InputType.FullName != binding.Input.FullName)
            throw Mismatch(rpc.Name, $"takes {rpc.InputType.FullName} but was bound with {binding.Input.FullName}");
        if (rpc.OutputType.FullName != binding.Output.FullName)
            throw Mismatch(rpc.Name, $"returns {rpc.OutputType.FullName} but was bound with {binding.Output.FullName}");
        if (!_bindings.TryAdd(rpc.Name, binding))
            throw Mismatch(rpc.Name, "is bound twice");
        return this;
    }

    /// <summary>Throws when an rpc of the proto has no handler.</summary>
    internal void EnsureComplete()
    {
        var unbound = Service.Methods.Where(m => !_bindings.ContainsKey(m.Name)).Select(m => m.Name).ToList();
        if (unbound.Count > 0)
            throw new InvalidOperationException(
                $"gRPC service {Service.FullName}: rpc {string.Join(", ", unbound)} {(unbound.Count == 1 ? "is" : "are")} not bound to a handler.");
    }

    private InvalidOperationException Mismatch(string rpc, string problem) =>
        new($"gRPC service {Service.FullName}: rpc {rpc} {problem}.");
}
