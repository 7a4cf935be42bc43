using System.Net;
using System.Text.Json;

namespace Governance.Gateway.Tests.Infrastructure;

/// <summary>Reads a problem details answer, checking it is one: its media type, its status, and no stack trace.</summary>
public static class ProblemAnswers
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotMatch(@"\bat [\w.`]+\.[\w<>]+\(", body); // a stack frame: "at Namespace.Type.Method("
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    public static string Detail(this JsonElement problem) => problem.GetProperty("detail").GetString()!;
}
