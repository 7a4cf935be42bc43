using System.Text;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Governance.Grid.Open311;

/// <summary>Answers in the format the path's suffix asks for, and refusals as the spec's list of {code, description}.</summary>
internal static class Open311Results
{
    public static IResult Ok(string format, O311Document document, int status = StatusCodes.Status200OK) =>
        Results.Text(document.Render(format), format == "xml" ? "text/xml" : "application/json", Encoding.UTF8, status);

    /// <summary>The spec's error body; the code is the HTTP status, as the spec's examples have it.</summary>
    public static IResult Error(string format, int status, string description) =>
        Ok(format, new O311Document("errors", new O311List("error", [new O311Object([new("code", status), new("description", description)])])), status);

    /// <summary>
    /// An endpoint filter for the whole group: an unknown suffix is 404 (that representation does
    /// not exist; answered in JSON, the only choice left), and every refusal becomes the spec's
    /// error list: 404 unknown, 403 bad api_key or outside its jurisdiction, 400 otherwise. The
    /// description is in the caller's language, as problem details are (ADR 0012): a citizen's app reads it.
    /// </summary>
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var format = context.HttpContext.GetRouteValue("format") as string;
        if (format is not ("json" or "xml"))
            return Error("json", StatusCodes.Status404NotFound, $"No format '{format}': Open311 here answers in .json or .xml.");
        try
        {
            return await next(context);
        }
        catch (DomainException e)
        {
            var status = e.Kind switch
            {
                DomainErrorKind.NotFound => StatusCodes.Status404NotFound,
                DomainErrorKind.Forbidden => StatusCodes.Status403Forbidden,
                DomainErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status400BadRequest,
            };
            return Error(format, status, e.MessageIn(UserLanguages.Of(context.HttpContext.Request)));
        }
        catch (BadHttpRequestException e)
        {
            return Error(format, e.StatusCode, e.Message);
        }
    }
}
