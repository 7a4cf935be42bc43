using System.Net.Http.Headers;
using Governance.Console.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Governance.Console.Api;

/// <summary>
/// The ranking's xlsx (live, or a published snapshot's) as a download from the console: <c>GET /console/assessment/rankings.xlsx?org=&amp;period=</c> asks
/// assessment's <c>/api/assessment/rankings/xlsx</c> with the session's token (which never reaches the browser) and streams
/// the workbook through, with assessment's file name. A refusal comes back as a sentence in the user's language.
/// </summary>
public static class AssessmentExport
{
    public const string Path = ConsoleOptions.BasePath + "/assessment/rankings.xlsx";

    /// <summary>A published snapshot's workbook, as circulated (assessment's <c>/api/assessment/published/{id}/xlsx</c>).</summary>
    public const string PublishedPath = ConsoleOptions.BasePath + "/assessment/published/{id:guid}.xlsx";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (HttpContext http, ConsoleUser console, SessionTokens tokens, IHttpClientFactory clients, string? org, string? period) =>
            ExportAsync(http, console, tokens, clients, $"/api/assessment/rankings/xlsx?org={Uri.EscapeDataString(org ?? "")}&period={Uri.EscapeDataString(period ?? "")}"))
            .RequireAuthorization(ConsoleAuthentication.Policy);
        app.MapGet(PublishedPath, (HttpContext http, ConsoleUser console, SessionTokens tokens, IHttpClientFactory clients, Guid id) =>
            ExportAsync(http, console, tokens, clients, $"/api/assessment/published/{id}/xlsx")).RequireAuthorization(ConsoleAuthentication.Policy);
    }

    private static async Task ExportAsync(HttpContext http, ConsoleUser console, SessionTokens tokens, IHttpClientFactory clients, string upstream)
    {
        var ct = http.RequestAborted;
        var english = ConsoleLanguage.Of(http.Request) == Language.English;
        string T(string chinese, string en) => english ? en : chinese;
        if (!await console.HoldsAsync(http.User, "assessment.read", ct))
        {
            await WordsAsync(http, StatusCodes.Status403Forbidden, T("您的岗位无权导出考核排名。", "Your posts do not permit exporting the assessment ranking."));
            return;
        }
        var token = await tokens.AccessTokenAsync(http.User, ct);
        if (token is null)
        {
            await WordsAsync(http, StatusCodes.Status401Unauthorized, T("登录已过期，请重新登录。", "Your session has ended. Please sign in again."));
            return;
        }
        // The client the console's API calls use (its base address is Console:ApiBaseAddress).
        var client = clients.CreateClient(nameof(ServicesApi));
        using var request = new HttpRequestMessage(HttpMethod.Get, upstream);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.AcceptLanguage.ParseAdd(english ? "en" : "zh-CN");
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException)
        {
            await WordsAsync(http, StatusCodes.Status503ServiceUnavailable, T("考核服务暂时无法访问，请稍后再试。", "The assessment service cannot be reached. Please try again shortly."));
            return;
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var detail = await ProblemDetailAsync(response, ct);
                await WordsAsync(http, (int)response.StatusCode, T("导出失败：", "The export failed: ") + detail);
                return;
            }
            http.Response.ContentType = response.Content.Headers.ContentType?.ToString();
            if (response.Content.Headers.ContentDisposition is { } disposition)
                http.Response.Headers[HeaderNames.ContentDisposition] = disposition.ToString();
            await response.Content.CopyToAsync(http.Response.Body, ct);
        }
    }

    private static async Task<string> ProblemDetailAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var problem = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content, ct);
            return problem.TryGetProperty("detail", out var d) && d.GetString() is { } s ? s : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (System.Text.Json.JsonException)
        {
            return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static Task WordsAsync(HttpContext http, int status, string words)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync(words, http.RequestAborted);
    }
}
