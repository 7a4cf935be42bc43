using System.Net;
using System.Text.Json;
using Governance.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Governance.Gateway.Tests;

/// <summary>
/// The gateway straight on the internet (no trusted proxy) in front of two echoes, with a small body limit and a short
/// activity timeout: services down or slow, bodies too large, headers a client made up, and configuration mistakes.
/// </summary>
public sealed class FailureTests(FailureTests.Fixture fixture) : IClassFixture<FailureTests.Fixture>
{
    public const int BodyLimit = 4096;

    public sealed class Fixture : IAsyncLifetime
    {
        public EchoService Mediation { get; private set; } = null!;
        public EchoService Search { get; private set; } = null!;
        public GatewayHost Gateway { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Mediation = await EchoService.StartAsync("mediation");
            Search = await EchoService.StartAsync("search");
            Gateway = await GatewayHost.StartAsync(
                new Dictionary<string, string> { ["mediation"] = Mediation.Address, ["search"] = Search.Address },
                new Dictionary<string, string?> { ["Gateway:MaxRequestBodyBytes"] = BodyLimit.ToString(), ["Gateway:ActivityTimeout"] = "00:00:01" });
        }

        public async ValueTask DisposeAsync()
        {
            await Gateway.DisposeAsync();
            await Mediation.DisposeAsync();
            await Search.DisposeAsync();
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ready_names_the_services_that_are_down_stays_ready_while_one_answers_and_recovers_when_they_are_back()
    {
        using var client = fixture.Gateway.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", Ct)).StatusCode);
        static async Task<(HttpStatusCode, string?, string?)> ReadyAsync(HttpClient client)
        {
            using var answer = await client.GetAsync("/health/ready", Ct);
            var check = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("checks").GetProperty("services");
            return (answer.StatusCode, check.GetProperty("status").GetString(), check.GetProperty("description").GetString());
        }

        await fixture.Search.StopAsync();
        try
        {
            // One down: still ready (mediation is served; search's callers get 502 in words), and the report names search.
            Assert.Equal((HttpStatusCode.OK, "Degraded", "not ready: search could not be reached"), await ReadyAsync(client));
            await fixture.Mediation.StopAsync();
            try
            {
                // Every service down: not ready. Liveness is the gateway's own: restarting it would bring nothing back.
                var (status, state, _) = await ReadyAsync(client);
                Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (status, state));
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", Ct)).StatusCode);
            }
            finally
            {
                await fixture.Mediation.RestartAsync();
            }
        }
        finally
        {
            await fixture.Search.RestartAsync();
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_service_that_is_down_gets_the_caller_502_problem_details_and_the_next_call_after_it_is_back_succeeds()
    {
        using var client = fixture.Gateway.Client();
        await fixture.Search.StopAsync();
        try
        {
            var problem = await ProblemAnswers.ReadAsync(await client.GetAsync("/api/search?q=x", Ct), HttpStatusCode.BadGateway);
            Assert.Equal("Bad gateway", problem.GetProperty("title").GetString());
            Assert.Equal("无法连接到此路径背后的服务，请稍后重试。", problem.Detail());
        }
        finally
        {
            await fixture.Search.RestartAsync();
        }
        Assert.Equal("search", (await Echo.ReadAsync(await client.GetAsync("/api/search?q=x", Ct))).Service);
    }

    [Fact]
    public async Task A_service_that_does_not_answer_in_time_gets_the_caller_504_problem_details()
    {
        using var client = fixture.Gateway.Client();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var problem = await ProblemAnswers.ReadAsync(await client.GetAsync("/api/mediation/cases/slow", Ct), HttpStatusCode.GatewayTimeout);

        Assert.Equal("The service behind this path did not answer in time; try again shortly.", problem.Detail());
    }

    [Fact]
    public async Task A_body_up_to_the_limit_is_passed_on_and_a_larger_one_is_refused_with_413()
    {
        using var client = fixture.Gateway.Client();

        var passed = await Echo.ReadAsync(await client.PostAsync("/api/mediation/cases", new ByteArrayContent(new byte[BodyLimit]), Ct));
        Assert.Equal(BodyLimit, passed.BodyLength);

        var declared = await ProblemAnswers.ReadAsync(await client.PostAsync("/api/mediation/cases", new ByteArrayContent(new byte[BodyLimit + 1]), Ct),
            HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal($"请求正文超过 {BodyLimit} 字节，即此网关转发的上限。", declared.Detail());

        // Chunked, so no length is declared: refused once the gateway has read past the limit.
        var chunked = new StreamContent(new MemoryStream(new byte[BodyLimit * 4]));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/mediation/cases") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        await ProblemAnswers.ReadAsync(await client.SendAsync(request, Ct), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Forwarded_headers_a_client_made_up_are_replaced_by_what_the_gateway_saw()
    {
        using var client = fixture.Gateway.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/mediation/cases");
        request.Headers.Host = "gov.example.cn";
        request.Headers.Add("X-Forwarded-For", "198.51.100.1");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        request.Headers.Add("X-Forwarded-Prefix", "/evil");

        var echo = await Echo.ReadAsync(await client.SendAsync(request, Ct));

        Assert.Equal("127.0.0.1", echo.Header("X-Forwarded-For"));
        Assert.Equal("http", echo.Header("X-Forwarded-Proto"));
        Assert.Equal("gov.example.cn", echo.Header("X-Forwarded-Host"));
        Assert.Null(echo.Header("X-Forwarded-Prefix"));
    }

    [Fact]
    public async Task A_misconfigured_service_list_fails_the_start_naming_each_mistake()
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayHost.StartAsync(new Dictionary<string, string>
        {
            ["grid"] = "http://grid:8080",
            ["gird"] = "http://grid:8080",
            ["search"] = "search:8080",
        }));

        Assert.Contains("Gateway:Services:gird is not a service the gateway routes", refused.Message);
        Assert.Contains("Gateway:Services:search 'search:8080' is not an http(s) base address", refused.Message);
        Assert.DoesNotContain("Gateway:Services:grid ", refused.Message);
        await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayHost.StartAsync(new Dictionary<string, string>()));
    }
}
