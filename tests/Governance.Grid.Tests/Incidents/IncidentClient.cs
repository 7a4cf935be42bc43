using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Grid.Incidents;

namespace Governance.Grid.Tests.Incidents;

/// <summary>Steps of the loop over REST, as the console takes them.</summary>
internal static class IncidentClient
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static object Report(string category = "city_appearance", string urgency = "normal", double lat = 36.405, double lng = 94.905, string source = "patrol") =>
        new { source, category, urgency, title = "井盖缺失", description = "人行道上的井盖不见了", latitude = lat, longitude = lng, address = "昆仑路12号" };

    public static async Task<IncidentView> ReportAsync(this HttpClient client, object? report = null)
    {
        var response = await client.PostAsJsonAsync("/api/grid/incidents", report ?? Report(), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<IncidentsApi.ReportedView>(Ct))!.Incident;
    }

    public static async Task<IncidentView> StepAsync(this HttpClient client, Guid id, string step, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/grid/incidents/{id}/{step}", body, Ct);
        Assert.True(response.IsSuccessStatusCode, $"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<IncidentView>(Ct))!;
    }

    public static async Task<(HttpStatusCode Status, JsonElement Problem)> TryStepAsync(this HttpClient client, Guid id, string step, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/grid/incidents/{id}/{step}", body, Ct);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
    }
}
