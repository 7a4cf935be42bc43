using Governance.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Builder;

namespace Governance.Grpc.Tests.Support;

/// <summary>Echo mapped for auditors only: the test tokens carry the mediator role, so every call is forbidden.</summary>
public sealed class AuditorOnlyGrpcHost : GrpcHost
{
    protected override void Map(WebApplication app) => app.MapGrpcService<EchoService>().RequireRoles("auditor");
}
