using Governance.Gateway.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Governance.Gateway.Health;

/// <summary>
/// Each service the gateway routes to is asked for its own <c>/health/ready</c> (2xx within
/// <see cref="GatewayOptions.ReadyTimeout"/>), side by side, so the check takes at most one timeout. Some down is
/// Degraded, which still reads ready: the gateway keeps routing to the others and answers the down one's callers 502
/// or 503 in words, where an unready gateway would leave the Service's endpoints and take every service off the public
/// origin. All down is Unhealthy. The description names the services that did not answer (names and statuses only,
/// never an exception's text).
/// </summary>
internal sealed class DestinationsHealthCheck(IHttpClientFactory clients, IOptions<GatewayOptions> options) : IHealthCheck
{
    public const string HttpClientName = "Governance.Gateway.Ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var answers = await Task.WhenAll(o.Services.Select(s => AskAsync(s.Key.ToLowerInvariant(), s.Value, o.ReadyTimeout, cancellationToken)));
        var down = answers.Where(a => a is not null).ToList();
        if (down.Count == 0) return HealthCheckResult.Healthy($"{answers.Length} services ready");
        var description = "not ready: " + string.Join("; ", down);
        return down.Count < answers.Length ? HealthCheckResult.Degraded(description) : HealthCheckResult.Unhealthy(description);
    }

    /// <summary>Null when the service is ready; otherwise what it answered.</summary>
    private async Task<string?> AskAsync(string service, string address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await clients.CreateClient(HttpClientName)
                .GetAsync(new Uri(new Uri(address.TrimEnd('/') + "/"), "health/ready"), HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            return response.IsSuccessStatusCode ? null : $"{service} answered {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"{service} did not answer within {timeout.TotalSeconds:0.#} s";
        }
        catch (HttpRequestException)
        {
            return $"{service} could not be reached";
        }
    }
}
