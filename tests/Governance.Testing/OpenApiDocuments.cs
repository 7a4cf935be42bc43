using System.Net;
using System.Text.Json;

namespace Governance.Testing;

/// <summary>A service's OpenAPI document as an anonymous caller fetches it from a running host.</summary>
public static class OpenApiDocuments
{
    /// <summary>GETs <c>/openapi/{service}.json</c> without a token; throws, saying what came back, unless it is 200 and JSON.</summary>
    public static async Task<JsonDocument> FetchAsync(Uri host, string service, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = host };
        using var answer = await http.GetAsync($"/openapi/{service}.json", ct);
        var body = await answer.Content.ReadAsStringAsync(ct);
        if (answer.StatusCode != HttpStatusCode.OK || answer.Content.Headers.ContentType?.MediaType != "application/json")
            throw new InvalidOperationException($"/openapi/{service}.json answered {(int)answer.StatusCode} {answer.Content.Headers.ContentType}: {body}");
        return JsonDocument.Parse(body);
    }

    public static IReadOnlyList<string> Paths(JsonDocument document) =>
        document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

    /// <summary>Each response of one operation: its status and the media type of its body, if any ("401" → "application/problem+json").</summary>
    public static IReadOnlyDictionary<string, string?> Responses(JsonDocument document, string path, string method)
    {
        var operation = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method);
        return operation.GetProperty("responses").EnumerateObject().ToDictionary(
            r => r.Name,
            r => r.Value.TryGetProperty("content", out var content) ? content.EnumerateObject().Select(c => c.Name).FirstOrDefault() : null);
    }

    /// <summary>The security schemes an operation requires (empty for an anonymous one).</summary>
    public static IReadOnlyList<string> Security(JsonDocument document, string path, string method)
    {
        var operation = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method);
        return operation.TryGetProperty("security", out var security)
            ? security.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(s => s.Name)).ToList()
            : [];
    }
}
