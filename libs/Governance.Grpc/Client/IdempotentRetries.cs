using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client.Configuration;

namespace Governance.Grpc.Client;

/// <summary>
/// A service config that retries only the rpcs the <c>.proto</c> marks
/// <c>option idempotency_level = NO_SIDE_EFFECTS</c> (or <c>IDEMPOTENT</c>): a read may be sent twice,
/// a step of a workflow must not be (a second ReportIncident would report the incident twice).
/// </summary>
public static class IdempotentRetries
{
    /// <summary>The service config for <paramref name="service"/>; without any idempotent rpc, one without retries.</summary>
    public static ServiceConfig For(ServiceDescriptor service)
    {
        var config = new ServiceConfig();
        var reads = service.Methods.Where(IsIdempotent).ToList();
        if (reads.Count == 0) return config;
        var method = new MethodConfig
        {
            RetryPolicy = new RetryPolicy
            {
                MaxAttempts = 3,
                InitialBackoff = TimeSpan.FromMilliseconds(100),
                MaxBackoff = TimeSpan.FromSeconds(1),
                BackoffMultiplier = 2,
                RetryableStatusCodes = { StatusCode.Unavailable },
            },
        };
        foreach (var read in reads) method.Names.Add(new MethodName { Service = service.FullName, Method = read.Name });
        config.MethodConfigs.Add(method);
        return config;
    }

    /// <summary>Whether the proto declares <paramref name="method"/> free of side effects or idempotent.</summary>
    public static bool IsIdempotent(MethodDescriptor method) =>
        method.GetOptions()?.IdempotencyLevel is MethodOptions.Types.IdempotencyLevel.NoSideEffects or MethodOptions.Types.IdempotencyLevel.Idempotent;
}
