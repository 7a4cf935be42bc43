using System.Net;
using System.Text.Json;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Governance.ServiceDefaults.Tests.Defaults;

public sealed class ProblemDetailsTests
{
    private static Task<DefaultsHost> StartAsync() => DefaultsHost.StartAsync(map: app =>
    {
        app.MapGet("/invalid", string () => throw DomainException.Invalid("divisionCode", "divisionCode must have 6 digits.")).AllowAnonymous();
        app.MapGet("/rule", string () => throw DomainException.RuleViolated("ClosedIncidentCannotBeDispatched", "A closed incident cannot be dispatched.")).AllowAnonymous();
        app.MapGet("/missing", string () => throw DomainException.NotFound("No incident 42.")).AllowAnonymous();
        app.MapGet("/forbidden", string () => throw DomainException.Forbidden("Outside your org.")).AllowAnonymous();
        app.MapGet("/crash", string () => throw new InvalidOperationException("secret connection Host=db;Password=hunter2")).AllowAnonymous();
        app.MapPost("/echo", (Payload p) => TypedResults.Ok(p)).AllowAnonymous();
    });

    private sealed record Payload(string Name);

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (response, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task Invalid_input_names_the_field()
    {
        await using var host = await StartAsync();
        var (response, body) = await GetAsync(host.Client(), "/invalid");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("divisionCode must have 6 digits.", body.GetProperty("errors").GetProperty("divisionCode")[0].GetString());
        Assert.True(body.TryGetProperty("traceId", out _));
    }

    [Fact]
    public async Task Rule_violation_is_a_conflict_naming_the_rule()
    {
        await using var host = await StartAsync();
        var (response, body) = await GetAsync(host.Client(), "/rule");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("ClosedIncidentCannotBeDispatched", body.GetProperty("rule").GetString());
        // In Chinese by default (this project's messages.zh-CN.json): UserLanguageTests.
        Assert.Equal("已结案的事件不能派遣。", body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/missing", HttpStatusCode.NotFound)]
    [InlineData("/forbidden", HttpStatusCode.Forbidden)]
    // Unmatched routes fall under the fallback policy too: an anonymous caller cannot probe which exist.
    [InlineData("/no-such-route", HttpStatusCode.Unauthorized)]
    public async Task Refusals_carry_their_status(string path, HttpStatusCode expected)
    {
        await using var host = await StartAsync();
        var (response, body) = await GetAsync(host.Client(), path);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal((int)expected, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Unhandled_exception_is_a_generic_500_without_detail()
    {
        await using var host = await StartAsync();
        var (response, body) = await GetAsync(host.Client(), "/crash");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("hunter2", body.ToString());
        Assert.DoesNotContain("InvalidOperationException", body.ToString());
    }

    [Fact]
    public async Task Malformed_json_body_is_a_400_problem()
    {
        await using var host = await StartAsync();
        using var content = new StringContent("{\"name\": ", System.Text.Encoding.UTF8, "application/json");
        var response = await host.Client().PostAsync("/echo", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
