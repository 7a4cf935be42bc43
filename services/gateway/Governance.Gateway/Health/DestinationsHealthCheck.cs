using Governance.Gateway.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Governance.Gateway.Health;

/// <summary>
/// The gateway is ready when every service it routes to answers its own <c>/health/ready</c> with 2xx within
/// <see cref="GatewayOptions.ReadyTimeout"/>; asked side by side, so the check takes at most one timeout.
/// The description names the services that did not (names and statuses only, never an exception's text).
/// </summary>
internal sealed class DestinationsHealthCheck(IHttpClientFactory clients, IOptions<GatewayOptions> options) : IHealthCheck
{
    public const string HttpClientName = "Governance.Gateway.Ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var answers = await Task.WhenAll(o.Services.Select(s => AskAsync(s.Key.ToLowerInvariant(), s.Value, o.ReadyTimeout, cancellationToken)));
        var down = answers.Where(a => a is not null).ToList();
        return down.Count == 0
            ? HealthCheckResult.Healthy($"{answers.Length} services ready")
            : HealthCheckResult.Unhealthy("not ready: " + string.Join("; ", down));
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
