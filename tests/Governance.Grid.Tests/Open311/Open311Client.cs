using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Governance.Grid.Open311;
using Governance.Grid.Tests.Infrastructure;

namespace Governance.Grid.Tests.Open311;

/// <summary>An Open311 answer read the same way whatever its format: a list of flat records, values as text (null when empty).</summary>
internal sealed record Answer(HttpStatusCode Status, string ContentType, List<Dictionary<string, string?>> Items, string Body)
{
    public Dictionary<string, string?> Single => Assert.Single(Items);
}

/// <summary>Calls Open311 as a citizen's app would, over HTTP, with no bearer token.</summary>
internal static class Open311Calls
{
    public const double Lat = 36.405, Long = 94.905;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Settings that keep the public rate limit out of the way of a test's many calls.</summary>
    public static Dictionary<string, string?> Unthrottled => new() { ["Limits:PublicBurst"] = "100000", ["Limits:PublicRequestsPerMinute"] = "6000000" };

    /// <summary>An api_key made through the admin endpoint, as an administrator would.</summary>
    public static async Task<string> CreateKeyAsync(this GridHost host, string? jurisdiction = null)
    {
        var response = await host.ClientAs("admin-1", "632801", "admin").PostAsJsonAsync("/api/grid/open311/clients", new { name = "城市随手拍", jurisdiction }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<Open311ClientsApi.CreatedClient>(Ct))!.ApiKey;
    }

    public static HttpClient Anonymous(this GridHost host) => new() { BaseAddress = host.Http };

    public static Dictionary<string, string> Report(string apiKey, string service = "city_appearance", double lat = Lat, double lng = Long) => new()
    {
        ["api_key"] = apiKey, ["service_code"] = service, ["lat"] = lat.ToString(CultureInfo.InvariantCulture), ["long"] = lng.ToString(CultureInfo.InvariantCulture),
        ["address_string"] = "昆仑路12号", ["description"] = "人行道上的井盖不见了", ["media_url"] = "https://files.example/well.jpg",
        ["email"] = "someone@example.com", ["first_name"] = "三", ["last_name"] = "张", ["phone"] = "13800000000", ["account_id"] = "app-user-42",
    };

    public static async Task<Answer> PostAsync(this HttpClient client, string format, Dictionary<string, string> fields) =>
        await ReadAsync(await client.PostAsync($"/open311/v2/requests.{format}", new FormUrlEncodedContent(fields), Ct), format);

    public static async Task<Answer> GetAnswerAsync(this HttpClient client, string path, string format) =>
        await ReadAsync(await client.GetAsync($"/open311/v2/{path}", Ct), format);

    /// <summary>Posts a report and answers its service_request_id, failing the test if it was refused.</summary>
    public static async Task<string> ReportAsync(this HttpClient client, string apiKey, string format = "json", double lat = Lat, double lng = Long)
    {
        var answer = await client.PostAsync(format, Report(apiKey, lat: lat, lng: lng));
        Assert.True(answer.Status == HttpStatusCode.Created, answer.Body);
        return answer.Single["service_request_id"]!;
    }

    private static async Task<Answer> ReadAsync(HttpResponseMessage response, string format)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        var type = response.Content.Headers.ContentType?.MediaType ?? "";
        var items = format == "xml" ? FromXml(body) : FromJson(body);
        return new Answer(response.StatusCode, type, items, body);
    }

    // <services><service>…</service></services>: one record per child of the root, one value per grandchild.
    private static List<Dictionary<string, string?>> FromXml(string body)
    {
        var root = XDocument.Parse(body).Root!;
        return root.Elements().Select(e => e.Elements().ToDictionary(f => f.Name.LocalName, f => f.HasElements ? f.ToString() : f.Value is "" ? null : f.Value)).ToList();
    }

    private static List<Dictionary<string, string?>> FromJson(string body)
    {
        using var json = JsonDocument.Parse(body);
        var items = json.RootElement.ValueKind == JsonValueKind.Array ? json.RootElement.EnumerateArray().ToList() : [json.RootElement];
        return items.Select(o => o.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => p.Value.GetString() is "" ? null : p.Value.GetString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => p.Value.GetRawText(),
        })).ToList();
    }
}
