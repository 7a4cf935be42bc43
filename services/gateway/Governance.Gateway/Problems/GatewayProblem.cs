using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Mvc;

namespace Governance.Gateway.Problems;

/// <summary>The gateway's own refusals as RFC 9457 problem details, in the caller's language, never a stack trace.</summary>
internal static class GatewayProblem
{
    public static ValueTask WriteAsync(HttpContext http, int status, DomainMessage message) =>
        TypedProblem.WriteAsync(http, new ProblemDetails
        {
            Status = status,
            Title = TitleOf(status),
            Detail = DomainMessages.Localize(message, UserLanguages.Of(http.Request), typeof(GatewayProblem).Assembly),
        }, http.RequestAborted);

    private static string TitleOf(int status) => status switch
    {
        400 => "Invalid request",
        404 => "Not found",
        413 => "Request body too large",
        502 => "Bad gateway",
        503 => "Service unavailable",
        504 => "Gateway timeout",
        _ => "Request failed",
    };
}
