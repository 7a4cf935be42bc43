using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Governance.ServiceDefaults.Problems;

/// <summary>
/// Turns exceptions into problem details: a <see cref="DomainException"/> with its own message in the caller's language,
/// a bad request with the framework's reason, anything else as a generic 500 whose detail stays in the log.
/// </summary>
internal sealed partial class ExceptionToProblem(ILogger<ExceptionToProblem> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            DomainException domain => FromDomain(domain, UserLanguages.Of(http.Request)),
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = TitleOf(bad.StatusCode), Detail = bad.Message },
            _ => null,
        };
        if (problem is null)
        {
            LogUnhandled(logger, exception, http.Request.Method, http.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Internal error",
                Detail = "The request failed on the server; the trace id identifies it in the logs.",
            };
        }
        await TypedProblem.WriteAsync(http, problem, cancellationToken);
        return true;
    }

    internal static ProblemDetails FromDomain(DomainException e, UserLanguage language)
    {
        var message = e.MessageIn(language);
        var status = e.Kind switch
        {
            DomainErrorKind.Invalid => StatusCodes.Status400BadRequest,
            DomainErrorKind.NotFound => StatusCodes.Status404NotFound,
            DomainErrorKind.Duplicate or DomainErrorKind.RuleViolated => StatusCodes.Status409Conflict,
            DomainErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            DomainErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status400BadRequest,
        };
        var problem = e.Field is null
            ? new ProblemDetails()
            : new HttpValidationProblemDetails(new Dictionary<string, string[]> { [e.Field] = [message] });
        problem.Status = status;
        problem.Title = TitleOf(status);
        problem.Detail = message;
        if (e.Rule is not null) problem.Extensions["rule"] = e.Rule;
        return problem;
    }

    private static string TitleOf(int status) => status switch
    {
        400 => "Invalid request",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        413 => "Request body too large",
        503 => "Service unavailable",
        _ => "Request failed",
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
