using Governance.Gateway.Routing;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace Governance.Gateway.Problems;

/// <summary>
/// The proxy pipeline's two answers of its own: a body declared larger than the gateway passes on is refused before
/// any byte goes to a service, and a request YARP could not forward (the service down, slow, or the body cut) gets
/// problem details with YARP's status (502, 503, 504, 413, 400) instead of an empty body.
/// </summary>
internal static class ForwardingProblems
{
    public static IApplicationBuilder UseForwardingProblems(this IApplicationBuilder proxy) => proxy.Use(async (http, next) =>
    {
        var limit = http.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.MaxRequestBodyBytes;
        if (http.Request.ContentLength > limit)
        {
            await GatewayProblem.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, GatewayMessages.BodyTooLarge(limit));
            return;
        }

        await next(http);

        // Once the service's answer has begun, the caller has its status and headers: nothing can be added.
        if (http.GetForwarderErrorFeature() is not { } failure || http.Response.HasStarted) return;
        var status = http.Response.StatusCode;
        await GatewayProblem.WriteAsync(http, status, status switch
        {
            StatusCodes.Status413PayloadTooLarge => GatewayMessages.BodyTooLarge(limit),
            StatusCodes.Status503ServiceUnavailable => GatewayMessages.Unavailable(),
            StatusCodes.Status504GatewayTimeout => GatewayMessages.TimedOut(),
            _ when failure.Error is ForwarderError.RequestBodyClient => GatewayMessages.BodyUnreadable(),
            _ => GatewayMessages.Unreachable(),
        });
    });
}
