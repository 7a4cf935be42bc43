using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Mediation.Work;

namespace Governance.Mediation.Tests.Work;

/// <summary>Work steps over REST, as the console takes them.</summary>
internal static class WorkClient
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<CaseWorkView> StepAsync(this HttpClient client, Guid id, string step, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/mediation/cases/{id}/{step}", body, Ct);
        Assert.True(response.IsSuccessStatusCode, $"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return step == "sessions" ? null! : (await response.Content.ReadFromJsonAsync<CaseWorkView>(Ct))!;
    }

    /// <summary>Asserts the step is refused with 409 under <paramref name="rule"/>.</summary>
    public static async Task RefusedAsync(this HttpClient client, Guid id, string step, object body, string rule)
    {
        var response = await client.PostAsJsonAsync($"/api/mediation/cases/{id}/{step}", body, Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{step}: {(int)response.StatusCode} {problem}");
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
    }

    public static async Task<HttpStatusCode> StatusOfAsync(this HttpClient client, Guid id, string step, object body) =>
        (await client.PostAsJsonAsync($"/api/mediation/cases/{id}/{step}", body, Ct)).StatusCode;

    public static object Session(string place = "社区调解室") =>
        new { heldAt = DateTime.UtcNow, place, participants = new[] { "张三", "李四", "王调解" }, minutes = "双方陈述，达成初步意向" };
}
