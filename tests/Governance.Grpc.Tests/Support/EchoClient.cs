using Governance.Grpc.Client;
using Governance.Grpc.Tests.Echo;
using Google.Protobuf.Reflection;

namespace Governance.Grpc.Tests.Support;

/// <summary>The typed wrapper a service writes over <see cref="GrpcClient"/>: one method per rpc.</summary>
public sealed class EchoClient(GrpcClient grpc)
{
    private static readonly MethodDescriptor SayMethod = EchoReflection.Descriptor.Services[0].FindMethodByName("Say");
    private static readonly MethodDescriptor CountMethod = EchoReflection.Descriptor.Services[0].FindMethodByName("Count");

    public Task<SayReply> SayAsync(SayRequest request, CallOptions? options = null) =>
        grpc.UnaryAsync(SayMethod, request, SayReply.Parser, options);

    public Task<UnaryResult<SayReply>> SayCallAsync(SayRequest request, CallOptions? options = null) =>
        grpc.UnaryCallAsync(SayMethod, request, SayReply.Parser, options);

    public ServerStreamingCall<CountReply> Count(CountRequest request, CallOptions? options = null) =>
        grpc.ServerStreaming(CountMethod, request, CountReply.Parser, options);

}
