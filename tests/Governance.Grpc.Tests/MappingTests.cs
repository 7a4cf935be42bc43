using Governance.Grpc.Server;
using Governance.Grpc.Tests.Echo;
using Governance.Grpc.Tests.Support;
using Grpc.Reflection.V1Alpha;
using Microsoft.AspNetCore.Builder;

namespace Governance.Grpc.Tests;

/// <summary>The proto is the source of truth: a binding that disagrees with it fails when mapping, naming the rpc.</summary>
public sealed class MappingTests
{
    private static InvalidOperationException Map(Action<GrpcServiceBuilder<EchoService>> bind)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.AddGrpcServer();
        var app = builder.Build();
        return Assert.Throws<InvalidOperationException>(() => app.MapGrpcService(EchoReflection.Descriptor.Services[0], bind));
    }

    [Fact]
    public void Unbound_rpc_fails_at_mapping()
    {
        var error = Map(s => s.Unary<SayRequest, SayReply>("Say", (svc, req, ctx) => svc.Say(req, ctx)));

        Assert.Equal("gRPC service governance.testing.v1.Echo: rpc Count is not bound to a handler.", error.Message);
    }

    [Fact]
    public void Streaming_rpc_bound_as_unary_fails_at_mapping()
    {
        var error = Map(s => s.Unary<CountRequest, CountReply>("Count", (_, _, _) => Task.FromResult(new CountReply())));

        Assert.Equal("gRPC service governance.testing.v1.Echo: rpc Count is server-streaming but was bound as unary.", error.Message);
    }

    [Fact]
    public void Server_streaming_rpc_bound_as_bidirectional_fails_at_mapping()
    {
        var error = Map(s => s.DuplexStreaming<CountRequest, CountReply>("Count", (_, _, _, _) => Task.CompletedTask));

        Assert.Equal("gRPC service governance.testing.v1.Echo: rpc Count is not bidirectional-streaming but was bound as such.", error.Message);
    }

    [Fact]
    public void Bidirectional_rpc_bound_as_server_streaming_fails_at_mapping()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.AddGrpcServer();
        var app = builder.Build();
        var error = Assert.Throws<InvalidOperationException>(() => app.MapGrpcService<EchoService>(
            ReflectionReflection.Descriptor.Services[0], s => s
                .ServerStreaming<ServerReflectionRequest, ServerReflectionResponse>(
                    "ServerReflectionInfo", (_, _, _, _) => Task.CompletedTask)));

        Assert.Equal("gRPC service grpc.reflection.v1alpha.ServerReflection: rpc ServerReflectionInfo is bidirectional-streaming but was bound otherwise.", error.Message);
    }

    [Fact]
    public void Rpc_bound_with_the_wrong_message_type_fails_at_mapping()
    {
        var error = Map(s => s.Unary<CountRequest, SayReply>("Say", (_, _, _) => Task.FromResult(new SayReply())));

        Assert.Equal("gRPC service governance.testing.v1.Echo: rpc Say takes governance.testing.v1.SayRequest but was bound with governance.testing.v1.CountRequest.", error.Message);
    }

    [Fact]
    public void Binding_an_rpc_the_proto_does_not_have_fails_at_mapping()
    {
        var error = Map(s => s.Unary<SayRequest, SayReply>("Shout", (svc, req, ctx) => svc.Say(req, ctx)));

        Assert.Contains("rpc Shout is not an rpc of service governance.testing.v1.Echo", error.Message);
    }

    [Fact]
    public void Mapping_without_AddGrpcServer_says_what_to_call()
    {
        var app = WebApplication.CreateSlimBuilder().Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapGrpcService<EchoService>(EchoReflection.Descriptor.Services[0], _ => { }));
        Assert.Contains("AddGrpcServer", error.Message);
    }
}
