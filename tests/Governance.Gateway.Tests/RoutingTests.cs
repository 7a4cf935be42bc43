using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Gateway.Tests.Infrastructure;

namespace Governance.Gateway.Tests;

/// <summary>Each route family reaches its service with the path and query as the client sent them; nothing else is routed.</summary>
[Collection(PlatformCollection.Name)]
public sealed class RoutingTests(PlatformFixture platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/identity/users?org=632801&page=2", "identity")]
    [InlineData("/connect/authorize?client_id=console&response_type=code&code_challenge=abc-_~", "identity")]
    [InlineData("/connect/signin?ReturnUrl=%2Fconnect%2Fauthorize%3Fclient_id%3Dconsole", "identity")]
    [InlineData("/connect/token", "identity")]
    [InlineData("/.well-known/openid-configuration", "identity")]
    [InlineData("/.well-known/jwks.json", "identity")]
    [InlineData("/openapi/identity.json", "identity")]
    [InlineData("/api/mediation/cases?state=open&sort=-registeredAt", "mediation")]
    [InlineData("/api/population/houses/lookup?purpose=%E5%85%A5%E6%88%B7%E8%B5%B0%E8%AE%BF&q=a%2Bb", "population")]
    [InlineData("/api/videoalert/webhook/alarms", "videoalert")]
    [InlineData("/api/assessment/rankings?org=632801&period=2026-11", "assessment")]
    [InlineData("/api/search?q=%E5%99%AA%E9%9F%B3&type=incident&type=dispute", "search")]
    [InlineData("/api/search/", "search")]
    [InlineData("/openapi/search.json", "search")]
    public async Task A_path_reaches_its_service_with_path_and_query_intact(string pathAndQuery, string service)
    {
        using var client = platform.Gateway.Client();

        var echo = await Echo.ReadAsync(await client.GetAsync(pathAndQuery, Ct));

        Assert.Equal(service, echo.Service);
        Assert.Equal(pathAndQuery, echo.Path + echo.Query);
    }

    [Fact]
    public async Task A_body_reaches_its_service_with_its_method_and_content_type()
    {
        using var client = platform.Gateway.Client();

        var echo = await Echo.ReadAsync(await client.PutAsJsonAsync("/api/mediation/cases/7/parties", new { name = "张三", role = "applicant" }, Ct));

        Assert.Equal(("mediation", "PUT", "/api/mediation/cases/7/parties"), (echo.Service, echo.Method, echo.Path));
        Assert.StartsWith("application/json", echo.Header("content-type"));
        Assert.True(echo.BodyLength > 0);
    }

    [Fact]
    public async Task Grid_answers_its_REST_API_OpenAPI_document_and_Open311_through_the_gateway()
    {
        using var client = platform.Gateway.Client();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/grid.json", Ct);
        Assert.Equal("Governance grid", document.GetProperty("info").GetProperty("title").GetString());
        var services = await client.GetAsync("/open311/v2/services.json", Ct);
        Assert.Equal(HttpStatusCode.OK, services.StatusCode);
        Assert.Equal(JsonValueKind.Array, (await services.Content.ReadFromJsonAsync<JsonElement>(Ct)).ValueKind);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/unknown/things")]
    [InlineData("/api/gridx/incidents")]
    [InlineData("/api")]
    [InlineData("/openapi/unknown.json")]
    [InlineData("/openapi/grid.yaml")]
    [InlineData("/scalar")]
    [InlineData("/favicon.ico")]
    [InlineData("/health/anything")]
    [InlineData("/console")] // not mounted: this gateway has no Console:Authority
    public async Task A_path_no_service_serves_answers_404_problem_details_from_the_gateway(string path)
    {
        using var client = platform.Gateway.Client();

        var problem = await ProblemAnswers.ReadAsync(await client.GetAsync(path, Ct), HttpStatusCode.NotFound);

        Assert.Equal("Not found", problem.GetProperty("title").GetString());
        Assert.Contains("没有提供任何服务", problem.Detail());
        Assert.Contains(path, problem.Detail());
    }

    [Fact]
    public async Task The_404_is_in_English_for_a_caller_who_prefers_English()
    {
        using var client = platform.Gateway.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/nowhere");
        request.Headers.AcceptLanguage.ParseAdd("en-GB,en;q=0.9,zh;q=0.5");

        var problem = await ProblemAnswers.ReadAsync(await client.SendAsync(request, Ct), HttpStatusCode.NotFound);

        Assert.StartsWith("Nothing is served at /nowhere", problem.Detail());
    }

    [Fact]
    public async Task Health_endpoints_are_the_gateways_own_and_no_services()
    {
        using var client = platform.Gateway.Client();

        var ready = await client.GetFromJsonAsync<JsonElement>("/health/ready", Ct);

        // The gateway's report: one check over every service it routes to, never a service's own report.
        var services = ready.GetProperty("checks").GetProperty("services");
        Assert.Equal("Healthy", services.GetProperty("status").GetString());
        Assert.Equal("7 services ready", services.GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", Ct)).StatusCode);
    }
}
