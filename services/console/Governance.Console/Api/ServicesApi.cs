using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Console.Auth;
using Microsoft.AspNetCore.Components.Authorization;

namespace Governance.Console.Api;

/// <summary>A refusal as the service worded it (problem details' title and detail, in the user's language), with its rule.</summary>
public sealed record ApiProblem(int Status, string Title, string? Detail, string? Rule)
{
    /// <summary>The request fields a 400 names (problem details' <c>errors</c> keys, e.g. <c>categories[2].deadlines[4].minutes</c>).</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];

    public string Words => string.IsNullOrEmpty(Detail) ? Title : $"{Title}: {Detail}";
}

/// <summary>A file as the service answered it.</summary>
public sealed record ApiFile(string Name, string ContentType, byte[] Content);

/// <summary>Either the service's answer or its refusal.</summary>
public sealed record ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public bool Ok => Problem is null;
}

/// <summary>
/// The services' REST APIs, called from the console's server with the signed-in user's access token (never sent to the
/// browser), at <c>Console:ApiBaseAddress</c>. The user's language goes along, so refusals come back in it. Errors come
/// back as <see cref="ApiProblem"/> words; nothing here throws at a page for a refusal.
/// </summary>
public sealed class ServicesApi(HttpClient http, SessionTokens tokens, AuthenticationStateProvider authentication, ConsoleLanguage language)
{
    public static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken ct = default) => SendAsync(HttpMethod.Get, path, null, ReadJsonAsync<T>, ct);

    public Task<ApiResult<T>> PostAsync<T>(string path, object body, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, path, JsonContent.Create(body, options: Json), ReadJsonAsync<T>, ct);

    public Task<ApiResult<T>> PutAsync<T>(string path, object body, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, path, JsonContent.Create(body, options: Json), ReadJsonAsync<T>, ct);

    public Task<ApiResult<T>> PatchAsync<T>(string path, object body, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Patch, path, JsonContent.Create(body, options: Json), ReadJsonAsync<T>, ct);

    public Task<ApiResult<T>> DeleteAsync<T>(string path, CancellationToken ct = default) => SendAsync(HttpMethod.Delete, path, null, ReadJsonAsync<T>, ct);

    /// <summary>A POST of content the caller builds (a multipart upload), answered in JSON.</summary>
    public Task<ApiResult<T>> PostContentAsync<T>(string path, HttpContent content, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, path, content, ReadJsonAsync<T>, ct);

    /// <summary>A file the service answers (a report, an export), whole, with its name: for the page to hand to the browser.</summary>
    public Task<ApiResult<ApiFile>> GetFileAsync(string path, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, path, null, async (content, token) => new ApiFile(
            content.Headers.ContentDisposition?.FileNameStar ?? content.Headers.ContentDisposition?.FileName?.Trim('"') ?? "download",
            content.Headers.ContentType?.ToString() ?? "application/octet-stream", await content.ReadAsByteArrayAsync(token)), ct);

    private static Task<T?> ReadJsonAsync<T>(HttpContent content, CancellationToken ct) => content.ReadFromJsonAsync<T>(Json, ct);

    private async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, HttpContent? content, Func<HttpContent, CancellationToken, Task<T?>> read,
        CancellationToken ct)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        var token = await tokens.AccessTokenAsync(user, ct);
        if (token is null)
            return new(default, new ApiProblem(401, language.T("登录已过期", "Your session has ended"), language.T("请重新登录。", "Please sign in again."), null));
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.AcceptLanguage.ParseAdd(language.AcceptLanguage);
        if (content is not null) request.Content = content;
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException)
        {
            return new(default, new ApiProblem(503, language.T("服务暂时无法访问", "The service cannot be reached"), language.T("请稍后再试。", "Please try again shortly."), null));
        }
        using (response)
        {
            if (response.IsSuccessStatusCode) return new(await read(response.Content, ct), null);
            return new(default, await ProblemAsync(response, ct));
        }
    }

    private async Task<ApiProblem> ProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        string? title = null, detail = null, rule = null;
        var fields = new List<string>();
        if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
        {
            try
            {
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                title = Text(problem, "title");
                detail = Text(problem, "detail");
                rule = Text(problem, "rule");
                if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
                {
                    fields.AddRange(errors.EnumerateObject().Select(e => e.Name));
                    detail ??= string.Join(" ", errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(v => v.GetString())));
                }
            }
            catch (JsonException)
            {
            }
        }
        return new ApiProblem(status, Title(status, title), detail, rule) { Fields = fields };
    }

    // The services' problem titles are the HTTP reason in English; the console names the kind of refusal in the user's language.
    private string Title(int status, string? title) => status switch
    {
        (int)HttpStatusCode.BadRequest => language.T("输入有误", "The input is not valid"),
        (int)HttpStatusCode.Unauthorized => language.T("登录已过期", "Your session has ended"),
        (int)HttpStatusCode.Forbidden => language.T("无权进行此操作", "You are not permitted to do this"),
        (int)HttpStatusCode.NotFound => language.T("未找到", "Not found"),
        (int)HttpStatusCode.Conflict => language.T("当前状态不允许此操作", "The record's state does not allow this"),
        (int)HttpStatusCode.TooManyRequests => language.T("请求过于频繁", "Too many requests"),
        _ => language.T("服务出错", "The service failed"),
    };

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
