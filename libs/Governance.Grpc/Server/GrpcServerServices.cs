using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Grpc.Server;

/// <summary>The host's singletons every call needs, resolved once when the rpcs are mapped instead of from each request's scope.</summary>
internal sealed class GrpcServerServices(IOptions<GrpcServerOptions> options, ILogger<GrpcCall> logger)
{
    public IOptions<GrpcServerOptions> Options { get; } = options;

    public ILogger<GrpcCall> Logger { get; } = logger;
}
