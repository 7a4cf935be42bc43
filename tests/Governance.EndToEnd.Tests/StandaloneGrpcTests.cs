using Governance.Contracts.Identity.V1;
using Governance.Testing.Auth;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;

namespace Governance.EndToEnd.Tests;

/// <summary>The standalone host's gRPC port as grpcurl and a department's system see it, through grpc-dotnet's typed clients.</summary>
public sealed class StandaloneGrpcTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reflection_lists_the_services_for_an_authenticated_caller_health_answers_anyone_and_an_rpc_needs_a_token()
    {
        await using var issuer = await TestIssuer.StartAsync(Ct);
        await using var host = await StandaloneProcess.StartAsync(
            [.. issuer.Settings().Select(s => $"--{s.Key}={s.Value}")]);
        await host.WaitUntilUpAsync(StartTimeout);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{host.GrpcPort}");
        var auth = new Metadata { { "authorization", "Bearer " + issuer.Token() } };

        var reflection = new ServerReflection.ServerReflectionClient(channel);
        using (var call = reflection.ServerReflectionInfo(auth, cancellationToken: Ct))
        {
            await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" }, Ct);
            await call.RequestStream.CompleteAsync();
            Assert.True(await MoveNextOrShowAsync(call.ResponseStream, host), "reflection answered nothing");
            var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
            Assert.Contains("grpc.health.v1.Health", services);
            Assert.Contains("grpc.reflection.v1alpha.ServerReflection", services);
            Assert.Contains("governance.identity.v1.IdentityService", services);
            Assert.Contains("governance.grid.v1.GridService", services);
            Assert.Contains("governance.mediation.v1.MediationService", services);
        }
        using (var anonymous = reflection.ServerReflectionInfo(cancellationToken: Ct))
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => anonymous.ResponseStream.MoveNext(Ct));
            Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        }

        // Anyone may ask. Readiness is published every 5 s from start, and the first round may run before the
        // bus has connected (a loaded machine): Watch reports each change, so wait for SERVING there.
        using (var watch = new Health.HealthClient(channel).Watch(new HealthCheckRequest(), cancellationToken: Ct))
        {
            var status = HealthCheckResponse.Types.ServingStatus.Unknown;
            using var within = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            within.CancelAfter(StartTimeout);
            while (status != HealthCheckResponse.Types.ServingStatus.Serving && await watch.ResponseStream.MoveNext(within.Token))
                status = watch.ResponseStream.Current.Status;
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, status);
        }

        var identity = new IdentityService.IdentityServiceClient(channel);
        var noToken = await Assert.ThrowsAsync<RpcException>(() => identity.GetOrgNodeAsync(new GetOrgNodeRequest { Path = "632801" }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, noToken.StatusCode);
        // A token from an issuer that is not identity's names no org: the service answers, refusing by its own rules.
        var answered = await Assert.ThrowsAsync<RpcException>(() => identity.GetOrgNodeAsync(new GetOrgNodeRequest { Id = "not-a-uuid" }, auth, cancellationToken: Ct).ResponseAsync);
        Assert.Equal((StatusCode.InvalidArgument, "ID“not-a-uuid”不是 UUID。"), (answered.StatusCode, answered.Status.Detail));
        // In the one process that hosts every service, each service's catalogue is found; a caller preferring English gets the English.
        var english = new Metadata { { "authorization", "Bearer " + issuer.Token() }, { "accept-language", "en" } };
        var inEnglish = await Assert.ThrowsAsync<RpcException>(() => identity.GetOrgNodeAsync(new GetOrgNodeRequest { Id = "not-a-uuid" }, english, cancellationToken: Ct).ResponseAsync);
        Assert.Equal("The id 'not-a-uuid' is not a UUID.", inEnglish.Status.Detail);
    }

    /// <summary>The next message; a failure carries the host's output, where the server's side of it is logged.</summary>
    private static async Task<bool> MoveNextOrShowAsync<T>(IAsyncStreamReader<T> stream, StandaloneProcess host)
    {
        try
        {
            return await stream.MoveNext(Ct);
        }
        catch (RpcException e)
        {
            var output = host.Output;
            Assert.Fail($"{e.Status}\n{output[Math.Max(0, output.Length - 20_000)..]}");
            throw;
        }
    }
}
