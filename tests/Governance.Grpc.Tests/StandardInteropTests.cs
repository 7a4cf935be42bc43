using System.Text.Json;
using Governance.Grpc.Tests.Support;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using Google.Protobuf;

namespace Governance.Grpc.Tests;

/// <summary>Debian's python3-grpcio calls the standard services, as a probe and grpcurl would.</summary>
public sealed class StandardInteropTests(StandardGrpcHost host) : IClassFixture<StandardGrpcHost>
{
    [Fact]
    public async Task Python_grpcio_checks_and_watches_health_then_discovers_and_calls_Echo_through_reflection()
    {
        var ct = TestContext.Current.CancellationToken;
        var health = Path.Combine(Path.GetTempPath(), $"health-{Guid.NewGuid():n}.pb");
        var reflection = Path.Combine(Path.GetTempPath(), $"reflection-{Guid.NewGuid():n}.pb");
        await File.WriteAllBytesAsync(health, HealthReflection.Descriptor.SerializedData.ToByteArray(), ct);
        await File.WriteAllBytesAsync(reflection, ReflectionReflection.Descriptor.SerializedData.ToByteArray(), ct);
        try
        {
            var json = await InteropTests.RunScriptAsync("standard_client.py", $"127.0.0.1:{host.Grpc.Port}", host.Token(), health, reflection);
            var r = JsonDocument.Parse(json).RootElement;

            Assert.Equal("SERVING", r.GetProperty("check").GetString());
            Assert.Equal("NOT_FOUND", r.GetProperty("check_unknown").GetString());
            Assert.Equal("SERVING", r.GetProperty("watch_first").GetString());
            Assert.Equal(["governance.testing.v1.Echo", "grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection"],
                r.GetProperty("services").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(5, r.GetProperty("unknown_symbol").GetInt32());
            Assert.Equal("OK", r.GetProperty("reflection_end").GetString());
            Assert.Equal("via reflection", r.GetProperty("reflected_say").GetString());
        }
        finally
        {
            File.Delete(health);
            File.Delete(reflection);
        }
    }
}
