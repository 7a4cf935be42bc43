namespace Governance.Grpc.Server;

/// <summary>The names of one rpc, built once when it is mapped rather than on every call.</summary>
internal sealed class RpcName(string service, string method)
{
    /// <summary>The full proto service name, e.g. <c>governance.testing.v1.Echo</c>.</summary>
    public string Service { get; } = service;

    /// <summary>The rpc's name within its service, e.g. <c>Say</c>.</summary>
    public string Method { get; } = method;

    /// <summary>The request path and <see cref="ServerCallContext.Method"/>: <c>/package.Service/Method</c>.</summary>
    public string Path { get; } = $"/{service}/{method}";

    /// <summary>The span name: <c>package.Service/Method</c>.</summary>
    public string SpanName { get; } = $"{service}/{method}";
}
