using System.Net.Http.Headers;
using Governance.Console.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Governance.Console.Api;

/// <summary>
/// <c>GET /console/disputes/{id}/agreement.pdf</c>: mediation's agreement PDF passed through to the browser as a download,
/// fetched with the session's access token (the browser never holds it). Mediation renders, stores and audits it; a
/// refusal comes back as the service worded it, in plain text, never a trace.
/// </summary>
public static class AgreementDownload
{
    public static IEndpointRouteBuilder MapAgreementDownload(this IEndpointRouteBuilder app)
    {
        app.MapGet(ConsoleOptions.BasePath + "/disputes/{id:guid}/agreement.pdf", DownloadAsync).RequireAuthorization(ConsoleAuthentication.Policy);
        return app;
    }

    private static async Task<IResult> DownloadAsync(HttpContext http, Guid id, SessionTokens tokens, IHttpClientFactory clients, CancellationToken ct)
    {
        var english = ConsoleLanguage.Of(http.Request) == Language.English;
        var token = await tokens.AccessTokenAsync(http.User, ct);
        if (token is null) return Results.Text(english ? "Your session has ended; please sign in again." : "登录已过期，请重新登录。", statusCode: 401);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/mediation/cases/{id}/agreement.pdf");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.AcceptLanguage.ParseAdd(english ? "en" : "zh-CN");
        using var response = await clients.CreateClient(nameof(ServicesApi)).SendAsync(request, ct);
        http.Response.Headers.CacheControl = "no-store"; // it names the parties
        if (!response.IsSuccessStatusCode)
        {
            var words = english ? "The agreement cannot be downloaded" : "无法下载调解协议书";
            var said = await DetailAsync(response, ct);
            return Results.Text(said is null ? words : $"{words}: {said}", "text/plain; charset=utf-8", statusCode: (int)response.StatusCode);
        }
        var name = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName ?? $"{id}-agreement.pdf";
        return Results.File(await response.Content.ReadAsByteArrayAsync(ct), "application/pdf", name.Trim('"'));
    }

    /// <summary>The problem details' <c>detail</c> (mediation's words, in the user's language), or null.</summary>
    private static async Task<string?> DetailAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.Content.Headers.ContentType?.MediaType is not ("application/problem+json" or "application/json")) return null;
        try
        {
            using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            return problem.RootElement.TryGetProperty("detail", out var d) && d.ValueKind == System.Text.Json.JsonValueKind.String ? d.GetString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
