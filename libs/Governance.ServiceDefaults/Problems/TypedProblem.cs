using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.ServiceDefaults.Problems;

/// <summary>Writes RFC 9457 problem details through the registered <see cref="IProblemDetailsService"/>.</summary>
public static class TypedProblem
{
    /// <summary>Sets the status and writes <paramref name="problem"/> as <c>application/problem+json</c>.</summary>
    public static async ValueTask WriteAsync(HttpContext http, ProblemDetails problem, CancellationToken cancellationToken = default)
    {
        http.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        var service = http.RequestServices.GetService<IProblemDetailsService>();
        if (service is not null && await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem }))
            return;
        await http.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", cancellationToken);
    }

    /// <summary>Adds the trace id, so that a caller's report leads to the spans and logs of its request.</summary>
    internal static void AddTraceId(ProblemDetailsContext context)
    {
        context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
        context.ProblemDetails.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
    }
}
