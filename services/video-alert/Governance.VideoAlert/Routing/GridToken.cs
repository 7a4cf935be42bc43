using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;

namespace Governance.VideoAlert.Routing;

/// <summary>The bearer token the router reports incidents to grid with: the service's own, not a user's (no user is there).</summary>
public interface IGridToken
{
    /// <summary>A token good for at least a minute; throws <see cref="GridTokenUnavailableException"/> when none can be had now.</summary>
    Task<string> GetAsync(CancellationToken ct);
}

/// <summary>No token now (identity away, or routing to grid not configured): the alert stays open and is tried again.</summary>
public sealed class GridTokenUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A client-credentials token from identity (OAuth 2.0 §4.4, a plain form POST to <c>VideoAlert:Grid:TokenEndpoint</c>
/// as <c>ClientId</c> with <c>ClientSecret</c>), cached until a minute before it expires. The client is a service
/// account whose role carries only incident.report (identity's role video_alert_service), at the org it reports for.
/// The secret comes from configuration (a secret store in the cluster, a file the standalone writes), never from code.
/// </summary>
public sealed class ClientCredentialsGridToken(IHttpClientFactory httpClients, IConfiguration configuration, TimeProvider clock) : IGridToken
{
    public const string EndpointKey = "VideoAlert:Grid:TokenEndpoint";
    public const string ClientIdKey = "VideoAlert:Grid:ClientId";
    public const string ClientSecretKey = "VideoAlert:Grid:ClientSecret";
    /// <summary>Or a file holding the secret (a mounted secret; the standalone writes one into its data folder).</summary>
    public const string ClientSecretFileKey = "VideoAlert:Grid:ClientSecretFile";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? _cached;

    public async Task<string> GetAsync(CancellationToken ct)
    {
        if (_cached is { } c && clock.GetUtcNow() < c.RenewAt) return c.Token;
        await _gate.WaitAsync(ct);
        try
        {
            if (_cached is { } again && clock.GetUtcNow() < again.RenewAt) return again.Token;
            var fresh = await RequestAsync(ct);
            _cached = fresh;
            return fresh.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(string Token, DateTimeOffset RenewAt)> RequestAsync(CancellationToken ct)
    {
        if (configuration[EndpointKey] is not { Length: > 0 } endpoint || configuration[ClientIdKey] is not { Length: > 0 } clientId
            || await SecretAsync(ct) is not { Length: > 0 } secret)
            throw new GridTokenUnavailableException($"Routing to grid needs {EndpointKey}, {ClientIdKey} and {ClientSecretKey} (or {ClientSecretFileKey}).");
        try
        {
            using var http = httpClients.CreateClient(nameof(ClientCredentialsGridToken));
            using var response = await http.PostAsync(endpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
            }), ct);
            if (!response.IsSuccessStatusCode)
                throw new GridTokenUnavailableException($"The token endpoint answered {(int)response.StatusCode} to client {clientId}.");
            var body = await response.Content.ReadFromJsonAsync<TokenResponse>(ct);
            if (body?.AccessToken is not { Length: > 0 } token) throw new GridTokenUnavailableException("The token endpoint answered no access_token.");
            var lifetime = TimeSpan.FromSeconds(Math.Max(body.ExpiresIn ?? 300, 120));
            return (token, clock.GetUtcNow() + lifetime - TimeSpan.FromMinutes(1));
        }
        catch (HttpRequestException e)
        {
            throw new GridTokenUnavailableException("The token endpoint does not answer.", e);
        }
    }

    private async Task<string?> SecretAsync(CancellationToken ct) =>
        configuration[ClientSecretKey] is { Length: > 0 } secret ? secret
        : configuration[ClientSecretFileKey] is { Length: > 0 } file && File.Exists(file) ? (await File.ReadAllTextAsync(file, ct)).Trim()
        : null;

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string? AccessToken, [property: JsonPropertyName("expires_in")] int? ExpiresIn);
}
