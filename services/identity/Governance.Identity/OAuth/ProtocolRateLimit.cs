using System.Threading.RateLimiting;
using Governance.Identity.SignIn;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Governance.Identity.OAuth;

/// <summary>
/// Token buckets per client address for the protocol endpoints and the sign-in page, and per user
/// name for password checks: lockout guards one account against slow guessing; these keep one
/// address (or one name tried from many addresses) from making the server hash passwords all day.
/// The address is the connection's, which the forwarded-headers middleware sets from trusted proxies only.
/// </summary>
public sealed class ProtocolRateLimit(IOptions<SignInOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
    {
        var o = options.Value;
        var perUser = key.StartsWith("user:", StringComparison.Ordinal);
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => Bucket(
            perUser ? o.UserNameBurst : o.TokenBurst, perUser ? o.UserNameRequestsPerMinute : o.TokenRequestsPerMinute));
    });

    private static TokenBucketRateLimiterOptions Bucket(int burst, int perMinute) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = Math.Max(1, perMinute / 60),
        ReplenishmentPeriod = perMinute >= 60 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(60.0 / perMinute),
        QueueLimit = 0,
    };

    /// <summary>True when the address may make one more protocol request now.</summary>
    public bool TryAcquireForAddress(HttpContext http) =>
        _limiter.AttemptAcquire("ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown")).IsAcquired;

    /// <summary>True when one more password may be checked for this user name now.</summary>
    public bool TryAcquireForUserName(string userName) =>
        _limiter.AttemptAcquire("user:" + userName.Trim().ToLowerInvariant()).IsAcquired;

    public void Dispose() => _limiter.Dispose();
}

/// <summary>
/// Applies <see cref="ProtocolRateLimit"/> to every OpenIddict endpoint, before OpenIddict reads the
/// request: a refused request is answered 429 with Retry-After and never reaches client
/// authentication. (The endpoint rate limiter of ASP.NET Core runs after authentication, where
/// OpenIddict has already answered introspection and revocation.)
/// </summary>
internal sealed class ProtocolRateLimitHandler(ProtocolRateLimit limit) : IOpenIddictServerHandler<ProcessRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessRequestContext>()
        .UseSingletonHandler<ProtocolRateLimitHandler>()
        .SetOrder(OpenIddictServerHandlers.InferEndpointType.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ProcessRequestContext context)
    {
        if (context.EndpointType is OpenIddictServerEndpointType.Unknown or OpenIddictServerEndpointType.Configuration
            or OpenIddictServerEndpointType.JsonWebKeySet) return;
        var http = context.Transaction.GetHttpRequest()!.HttpContext;
        if (limit.TryAcquireForAddress(http)) return;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = "1";
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.WriteAsJsonAsync(new Dictionary<string, string>
        {
            ["error"] = "slow_down",
            ["error_description"] = "请求过于频繁，请稍后再试。Too many requests from this address: try again in a moment.",
        }, context.CancellationToken);
        context.HandleRequest();
    }
}
