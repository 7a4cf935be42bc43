using System.Net;
using System.Text.Json;

namespace Governance.EndToEnd.Tests;

public sealed class StandaloneHostTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Standalone_host_starts_and_reports_ready()
    {
        await using var host = await StandaloneProcess.StartAsync();
        await host.WaitUntilUpAsync(StartTimeout);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.HttpPort}") };

        var ready = await http.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        var body = await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var report = JsonDocument.Parse(body);
        Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
        Assert.Contains($"127.0.0.1:{host.HttpPort}", host.Output);
        Assert.Contains($"127.0.0.1:{host.GrpcPort}", host.Output);
    }

    [Fact]
    public async Task Grpc_port_speaks_cleartext_http2_only()
    {
        await using var host = await StandaloneProcess.StartAsync();
        await host.WaitUntilUpAsync(StartTimeout);
        using var h2 = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        var live = await h2.GetAsync($"http://127.0.0.1:{host.GrpcPort}/health/live", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpVersion.Version20, live.Version);
    }

    [Fact]
    public async Task Unknown_route_is_answered_with_problem_details()
    {
        await using var host = await StandaloneProcess.StartAsync();
        await host.WaitUntilUpAsync(StartTimeout);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.HttpPort}") };

        var response = await http.GetAsync("/api/nothing-here", TestContext.Current.CancellationToken);

        // Unmatched routes need a token too (the fallback policy), so an anonymous caller gets 401,
        // not 404, and cannot probe which routes exist.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Migrate_command_prepares_the_schema_and_exits()
    {
        await using var host = await StandaloneProcess.StartAsync("migrate");

        var exitCode = await host.WaitForExitAsync(StartTimeout);

        Assert.True(exitCode == 0, host.Output);
        Assert.DoesNotContain("is up:", host.Output);
    }
}
