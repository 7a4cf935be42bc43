using Governance.Grpc.Client;
using Governance.Grpc.Tests.Echo;
using Governance.Grpc.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Grpc.Tests.Client;

/// <summary>
/// The echo host plus a REST endpoint that calls Echo through a registered <see cref="EchoClient"/>,
/// so a test can see the incoming request's token travel on the outgoing call.
/// </summary>
public sealed class ClientHost : GrpcHost
{
    protected override void Configure(WebApplicationBuilder builder) =>
        builder.Services.AddGrpcClient<EchoClient>("echo", o => o.Address = Grpc); // read at first use, after the host has its port

    protected override void Map(WebApplication app)
    {
        MapEcho(app);
        app.MapGet("/forward", async (EchoClient echo) => (await echo.SayAsync(new SayRequest { Text = "forwarded" })).Caller);
    }
}
