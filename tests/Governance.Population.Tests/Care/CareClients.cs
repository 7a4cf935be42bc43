using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Population.Tests.Infrastructure;

namespace Governance.Population.Tests.Care;

/// <summary>The people around a care case, as tokens: a centre leader who assigns, two care workers, and everyone else.</summary>
internal static class CareClients
{
    public const string Purpose = "purpose=service_delivery";

    public static HttpClient Leader(this PopulationHost host, string org = PopulationHost.Community) => host.ClientAs("leader-1", org, "centre_leader");
    public static HttpClient Worker1(this PopulationHost host, string org = PopulationHost.Community) => host.ClientAs("cw-1", org, "care_worker");
    public static HttpClient Worker2(this PopulationHost host, string org = PopulationHost.Community) => host.ClientAs("cw-2", org, "care_worker");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A valid resident ID (GB 11643) for the <paramref name="n"/>th test person, born 1950 in the test county.</summary>
    public static string ResidentId(int n)
    {
        var body = $"632801{new DateOnly(1950, 1, 1).AddDays(n):yyyyMMdd}{n % 1000:000}";
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = body.Select((c, i) => (c - '0') * weights[i]).Sum();
        return body + "10X98765432"[sum % 11];
    }

    public static async Task<Guid> PersonAsync(this PopulationHost host, int n, string org = PopulationHost.Grid1) =>
        await People.RegisterAsync(host.GridWorker(org), People.Registered(ResidentId(n), $"居民{n}", phone: null, org: org));

    public static async Task<Guid> OpenAsync(this PopulationHost host, Guid person, string category = "elderly_alone", string worker = "cw-1",
        DateOnly? openedOn = null, string org = PopulationHost.Community)
    {
        using var response = await host.Leader(org).PostAsJsonAsync("/api/population/care/cases",
            new { personId = person, category, workerId = worker, openedOn }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("caseId").GetGuid();
    }

    public static async Task<JsonElement> VisitAsync(this HttpClient worker, Guid careCase, string requestId, DateOnly visitedOn,
        string findings = "老人身体状况良好，血压偏高，已提醒按时服药。")
    {
        using var response = await worker.PostAsJsonAsync($"/api/population/care/cases/{careCase}/visits",
            new { requestId, visitedOn, kind = "home", findings, nextStep = "下周电话回访" }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    public static async Task AssertFieldAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    public static DateOnly GetDay(this JsonElement day) => DateOnly.Parse(day.GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Today where the people live (China time), as the service dates visits.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
}
