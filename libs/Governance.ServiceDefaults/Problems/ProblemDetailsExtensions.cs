using Governance.ServiceDefaults.Limits;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Governance.ServiceDefaults.Problems;

/// <summary>Every error answered as RFC 9457 problem details, never a stack trace.</summary>
public static class ProblemDetailsExtensions
{
    /// <summary>Registers problem details (with the trace id) and the exception mapping.</summary>
    public static IHostApplicationBuilder AddDefaultProblemDetails(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = TypedProblem.AddTraceId);
        builder.Services.AddExceptionHandler<ExceptionToProblem>();
        return builder;
    }

    /// <summary>
    /// Exception handler, problem bodies for bare error statuses (404, 405, 401, binding failures)
    /// and the request body limit.
    /// </summary>
    public static IApplicationBuilder UseDefaultProblemDetails(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLimits();
        return app;
    }
}
