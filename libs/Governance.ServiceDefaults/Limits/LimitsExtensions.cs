using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Governance.ServiceDefaults.Limits;

/// <summary>Body-size limits on every request and per-caller rate limits on public endpoints.</summary>
public static class LimitsExtensions
{
    /// <summary>Policy name for endpoints open to citizens' apps and departments' systems (Open311, token).</summary>
    public const string PublicPolicy = "public";

    /// <summary>Registers the limits and the <see cref="PublicPolicy"/> rate limiter.</summary>
    public static IHostApplicationBuilder AddDefaultLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.Section)
            .Validate(o => o.MaxRequestBodyBytes > 0 && o.MaxBodyCeilingBytes >= o.MaxRequestBodyBytes,
                "Limits:MaxRequestBodyBytes must be positive and not above Limits:MaxBodyCeilingBytes.")
            .Validate(o => o.PublicRequestsPerMinute > 0 && o.PublicBurst > 0, "Limits: public rates must be positive.")
            .ValidateOnStart();

        builder.Services.AddRateLimiter(rate =>
        {
            rate.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            rate.OnRejected = RateLimitRejection.WriteProblemAsync;
            rate.AddPolicy(PublicPolicy, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value;
                return RateLimitPartition.GetTokenBucketLimiter(CallerKey(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.PublicBurst,
                    TokensPerPeriod = Math.Max(1, limits.PublicRequestsPerMinute / 60),
                    ReplenishmentPeriod = limits.PublicRequestsPerMinute >= 60
                        ? TimeSpan.FromSeconds(1)
                        : TimeSpan.FromSeconds(60.0 / limits.PublicRequestsPerMinute),
                    QueueLimit = 0,
                });
            });
        });
        return builder;
    }

    /// <summary>Applies the default body limit unless the endpoint declares its own or speaks gRPC.</summary>
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        var declared = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>();
        var grpc = context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
        if (feature is { IsReadOnly: false } && declared is null && !grpc)
            feature.MaxRequestBodySize = context.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value.MaxRequestBodyBytes;
        return next(context);
    });

    // An authenticated caller is limited by its subject (a department's client shares one
    // bucket however many addresses it uses); an anonymous one by its address.
    private static string CallerKey(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && context.User.FindFirst("sub")?.Value is { } sub
            ? "sub:" + sub
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
