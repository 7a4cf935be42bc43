using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Assessment.Letters;
using Governance.Assessment.Tests.Infrastructure;

namespace Governance.Assessment.Tests.Reviews;

/// <summary>
/// One host for the records people enter: the library gains two manual indicators, and four departments (one per test
/// that scores, so that no test's entries reach another's scorecard) get the same signed letter for 2026.
/// </summary>
public sealed class ReviewFixture : IAsyncLifetime
{
    public AssessmentHost Host { get; private set; } = null!;
    public Guid Manual { get; } = Guid.NewGuid();
    public Guid Tasks { get; } = Guid.NewGuid();
    public Guid Inspected { get; } = Guid.NewGuid();
    public Guid Scored { get; } = Guid.NewGuid();

    /// <summary>In another street (002) than the rest (001): for scope.</summary>
    public Guid Elsewhere { get; } = Guid.NewGuid();

    /// <summary>
    /// Publicity coverage (a manual rate) worth 20, linear from 0.5 to 1; training sessions (a manual count) worth 10 at 3 or
    /// more; the monthly tasks' completed share worth 30, linear from 0.6 to 1; incidents on time worth 40 (none happen: a
    /// rate with nothing to count earns its weight).
    /// </summary>
    public static readonly object[] Letter =
    [
        new { indicator = "publicity_coverage", weight = 20, rule = "linear", floor = 0.5, target = 1 },
        new { indicator = "training_sessions", weight = 10, rule = "threshold", target = 3 },
        new { indicator = "task_completion_rate", weight = 30, rule = "linear", floor = 0.6, target = 1 },
        new { indicator = "incident_on_time_rate", weight = 40, rule = "threshold", target = 0.9 },
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Host = await AssessmentHost.StartAsync();
        await Host.AddDepartmentAsync(Manual, "xcb", "宣传部", Host.Org("001"));
        await Host.AddDepartmentAsync(Tasks, "zjj", "住建局", Host.Org("001"));
        await Host.AddDepartmentAsync(Inspected, "jyj", "教育局", Host.Org("001"));
        await Host.AddDepartmentAsync(Scored, "gaj", "公安局", Host.Org("001"));
        await Host.AddDepartmentAsync(Elsewhere, "wjw", "卫健委", Host.Org("002"));

        using var admin = Host.ClientAs("admin-county", Host.County, "admin");
        using var assessor = Assessor();
        var library = await Host.GetAsync<JsonElement>(assessor, "/api/assessment/indicators");
        var indicators = library.GetProperty("rules").GetProperty("indicators").EnumerateArray()
            .Select(i => new { code = i.GetProperty("code").GetString()!, name = i.GetProperty("name").GetString()!, measure = i.GetProperty("measure").GetString()! })
            .Append(new { code = "publicity_coverage", name = "平安建设宣传覆盖率", measure = "manual_rate" })
            .Append(new { code = "training_sessions", name = "业务培训场次", measure = "manual_count" });
        using var changed = await admin.PutAsJsonAsync("/api/assessment/indicators",
            new { baseVersion = library.GetProperty("version").GetProperty("version").GetInt32(), note = "manual indicators", indicators }, Ct);
        Assert.True(changed.StatusCode == HttpStatusCode.Created, await changed.Content.ReadAsStringAsync(Ct));

        foreach (var department in new[] { Manual, Tasks, Inspected, Scored, Elsewhere })
        {
            using var created = await assessor.PostAsJsonAsync("/api/assessment/letters", new { departmentId = department.ToString(), year = 2026, items = Letter }, Ct);
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(Ct));
            var letter = (await created.Content.ReadFromJsonAsync<LetterBook.LetterView>(Ct))!;
            using var signed = await assessor.PostAsync($"/api/assessment/letters/{letter.Id}/versions/1/sign", null, Ct);
            Assert.True(signed.IsSuccessStatusCode, await signed.Content.ReadAsStringAsync(Ct));
        }
    }

    /// <summary>An assessor at the county: reads, allocates, records findings, reviews.</summary>
    public HttpClient Assessor(string subject = "assessor-county") => Host.ClientAs(subject, Host.County, "assessor");

    /// <summary>A handler of <paramref name="department"/>: submits, reports and contests for it.</summary>
    public HttpClient Handler(Guid department) => Host.ClientAs("handler-" + department.ToString("n")[..6], Host.Org("001"), "department_handler", department.ToString());

    public static object[] Evidence(string name = "台账.pdf") =>
        [new { name, uri = "https://docs.example.cn/assessment/" + Uri.EscapeDataString(name), kind = "document" }, new { name = "现场照片", uri = "oss://evidence/p1.jpg", kind = "photo" }];

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>Answers as the tests read them.</summary>
public static class Answers
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<T> OkAsync<T>(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == status, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
            return JsonSerializer.Deserialize<T>(body, JsonSerializerOptions.Web)!;
        }
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }

    public static async Task RuleAsync(HttpResponseMessage response, string rule) =>
        Assert.Equal(rule, (await ProblemAsync(response, HttpStatusCode.Conflict)).GetProperty("rule").GetString());

    public static async Task FieldAsync(HttpResponseMessage response, string field)
    {
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected {field}: {problem}");
    }

    public static async Task ForbiddenAsync(HttpResponseMessage response) => await ProblemAsync(response, HttpStatusCode.Forbidden);
}
