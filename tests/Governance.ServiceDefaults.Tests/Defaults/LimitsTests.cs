using System.Net;
using Governance.ServiceDefaults.Limits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Governance.ServiceDefaults.Tests.Defaults;

public sealed class LimitsTests
{
    private static async Task<IResult> CountBytes(HttpRequest request)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer)) > 0) total += read;
        return TypedResults.Ok(total);
    }

    private static Task<DefaultsHost> StartAsync() => DefaultsHost.StartAsync(
        map: app =>
        {
            app.MapPost("/small", CountBytes).AllowAnonymous();
            app.MapPost("/import", CountBytes).WithMetadata(new RequestSizeLimitAttribute(4 * 1024 * 1024)).AllowAnonymous();
            app.MapGet("/public", () => "ok").RequireRateLimiting(LimitsExtensions.PublicPolicy).AllowAnonymous();
        },
        settings: new Dictionary<string, string?>
        {
            ["Limits:MaxRequestBodyBytes"] = "65536",
            ["Limits:PublicBurst"] = "3",
            ["Limits:PublicRequestsPerMinute"] = "1",
        });

    [Fact]
    public async Task Body_over_the_default_limit_is_refused_with_413()
    {
        await using var host = await StartAsync();
        using var content = new ByteArrayContent(new byte[200_000]);

        var response = await host.Client().PostAsync("/small", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Endpoint_declaring_a_larger_limit_accepts_a_larger_body()
    {
        await using var host = await StartAsync();
        using var content = new ByteArrayContent(new byte[2_000_000]);

        var response = await host.Client().PostAsync("/import", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2000000", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Public_endpoint_throttles_a_caller_past_its_burst()
    {
        await using var host = await StartAsync();
        using var client = host.Client();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await client.GetAsync("/public", TestContext.Current.CancellationToken);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.NotNull(last!.Headers.RetryAfter);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
    }
}
