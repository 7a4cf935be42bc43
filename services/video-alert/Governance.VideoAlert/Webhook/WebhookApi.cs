using System.Text.Json;
using System.Threading.RateLimiting;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using ProblemDetails = Microsoft.AspNetCore.Mvc.ProblemDetails;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Governance.VideoAlert.Webhook;

/// <summary>
/// <c>POST /api/videoalert/webhook/alarms</c>: analytics boxes have keys, not accounts, so the endpoint takes no bearer
/// token but the source's key in <c>X-Api-Key</c>. The key is checked before the body is read: an unknown or revoked
/// key is answered 401 and nothing is stored or said about the body.
/// </summary>
public static class WebhookApi
{
    public const string KeyHeader = "X-Api-Key";
    public const string RatePolicy = "videoalert-webhook";

    public static IEndpointRouteBuilder MapWebhookApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/videoalert/webhook/alarms", Receive).AllowAnonymous().RequireRateLimiting(RatePolicy)
            .Accepts<WebhookAlarm>("application/json").ProducesRefusals(400, 401, 404, 429)
            .WithSummary("An analytics box's alarm, with its source's API key in X-Api-Key");
        app.MapPost("/api/videoalert/webhook/alarms/batch", ReceiveBatch).AllowAnonymous().RequireRateLimiting(RatePolicy)
            .Accepts<WebhookAlarm[]>("application/json").ProducesRefusals(400, 401, 404, 409, 429)
            .WithSummary($"Up to {WebhookBatch.MaxItems} alarms of one box, stored all or none");
        return app;
    }

    /// <summary>One token bucket per key (by its look-up prefix): one busy box cannot starve the others.</summary>
    public static void AddWebhookRateLimit(this RateLimiterOptions rate) => rate.AddPolicy(RatePolicy, http =>
    {
        var o = http.RequestServices.GetRequiredService<IOptions<WebhookOptions>>().Value;
        var key = ApiKeys.PrefixOf(http.Request.Headers[KeyHeader].ToString()) ?? "none";
        return RateLimitPartition.GetTokenBucketLimiter("webhook:" + key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = o.Burst, TokensPerPeriod = Math.Max(1, o.RequestsPerSecond / 10), ReplenishmentPeriod = TimeSpan.FromMilliseconds(100), QueueLimit = 0,
        });
    });

    private static async Task<Results<Created<WebhookAnswer>, Ok<WebhookAnswer>, ProblemHttpResult>> Receive(HttpContext http, WebhookIntake intake,
        IOptions<JsonOptions> json, CancellationToken ct)
    {
        if (await intake.AuthenticateAsync(http.Request.Headers[KeyHeader].ToString(), ct) is not { } source) return Unauthorized(http);
        var body = await ReadAsync<WebhookAlarm>(http.Request, json.Value.SerializerOptions, ct);
        var (answer, stored) = await intake.AcceptAsync(source, body, ct);
        return stored ? TypedResults.Created((string?)null, answer) : TypedResults.Ok(answer);
    }

    /// <summary>A batch: 200 with an answer per item, in order (<c>stored</c> false for an eventId stored before).</summary>
    private static async Task<Results<Ok<IReadOnlyList<WebhookBatch.Item>>, ProblemHttpResult>> ReceiveBatch(HttpContext http, WebhookIntake intake,
        WebhookBatch batch, IOptions<JsonOptions> json, CancellationToken ct)
    {
        if (await intake.AuthenticateAsync(http.Request.Headers[KeyHeader].ToString(), ct) is not { } source) return Unauthorized(http);
        var items = await ReadAsync<WebhookAlarm?[]>(http.Request, json.Value.SerializerOptions, ct);
        return TypedResults.Ok(await batch.AcceptAsync(source, items, ct));
    }

    private static ProblemHttpResult Unauthorized(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{KeyHeader}\"";
        DomainMessage message = $"Send a webhook source's API key in the {KeyHeader} header; this one is unknown or revoked.";
        return TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized, Title = "Unauthorized",
            Detail = DomainMessages.Localize(message, UserLanguages.Of(http.Request), typeof(WebhookApi).Assembly),
        });
    }

    private static async Task<T> ReadAsync<T>(HttpRequest request, JsonSerializerOptions options, CancellationToken ct)
    {
        if (!request.HasJsonContentType()) throw DomainException.Invalid("body", "Send the alarm as JSON (Content-Type: application/json).");
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, options, ct)
                ?? throw DomainException.Invalid("body", "Send the alarm as a JSON object (a batch as an array).");
        }
        catch (JsonException e)
        {
            // The path names the member at fault ($.priority, or $[3].priority in a batch), when the JSON got that far.
            var field = e.Path is { Length: > 2 } path && path[0] == '$' ? path[1..].TrimStart('.') : "body";
            throw DomainException.Invalid(field, $"The body is not a readable JSON alarm (at {e.Path ?? "$"}).");
        }
    }
}
