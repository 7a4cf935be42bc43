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
        var source = await intake.AuthenticateAsync(http.Request.Headers[KeyHeader].ToString(), ct);
        if (source is null)
        {
            http.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{KeyHeader}\"";
            DomainMessage message = $"Send a webhook source's API key in the {KeyHeader} header; this one is unknown or revoked.";
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized, Title = "Unauthorized",
                Detail = DomainMessages.Localize(message, UserLanguages.Of(http.Request), typeof(WebhookApi).Assembly),
            });
        }
        var body = await ReadAsync(http.Request, json.Value.SerializerOptions, ct);
        var (answer, stored) = await intake.AcceptAsync(source, body, ct);
        return stored ? TypedResults.Created((string?)null, answer) : TypedResults.Ok(answer);
    }

    private static async Task<WebhookAlarm> ReadAsync(HttpRequest request, JsonSerializerOptions options, CancellationToken ct)
    {
        if (!request.HasJsonContentType()) throw DomainException.Invalid("body", "Send the alarm as JSON (Content-Type: application/json).");
        try
        {
            return await JsonSerializer.DeserializeAsync<WebhookAlarm>(request.Body, options, ct)
                ?? throw DomainException.Invalid("body", "Send one alarm as a JSON object.");
        }
        catch (JsonException e)
        {
            // The path names the member at fault ($.priority), when the JSON got that far.
            var field = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
            throw DomainException.Invalid(field, $"The body is not a readable JSON alarm (at {e.Path ?? "$"}).");
        }
    }
}
