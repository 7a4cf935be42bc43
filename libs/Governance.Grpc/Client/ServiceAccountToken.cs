using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;

namespace Governance.Grpc.Client;

/// <summary>
/// The bearer token a service calls another with when no user is there (video-alert reporting incidents to grid,
/// assessment reading population's care-visit counts): the service's own, as a service account.
/// </summary>
public interface IServiceAccountToken
{
    /// <summary>A token good for at least a minute; throws <see cref="ServiceAccountTokenUnavailableException"/> when none can be had now.</summary>
    Task<string> GetAsync(CancellationToken ct);
}

/// <summary>No token now (identity away, or the service account not configured): the caller tries again later.</summary>
public sealed class ServiceAccountTokenUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A client-credentials token from identity (OAuth 2.0 §4.4, a plain form POST to <c>{section}:TokenEndpoint</c> as
/// <c>{section}:ClientId</c> with <c>{section}:ClientSecret</c>, or the secret in the file <c>{section}:ClientSecretFile</c>),
/// cached until a minute before it expires. The client is a service account whose role carries only what the calls
/// need, at the org it works for. The secret comes from configuration (a secret store in the cluster, a file the
/// standalone writes), never from code. Each service derives its own type from this one (its own configuration section,
/// its own registration), so two services in one process (the standalone) keep their accounts apart.
/// </summary>
public abstract class ClientCredentialsToken(IHttpClientFactory httpClients, IConfiguration configuration, string section, TimeProvider clock)
    : IServiceAccountToken
{
    /// <summary>The named HttpClient the token requests go through.</summary>
    public const string HttpClientName = "service-account-token";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? _cached;

    private string EndpointKey => section + ":TokenEndpoint";
    private string ClientIdKey => section + ":ClientId";
    private string ClientSecretKey => section + ":ClientSecret";
    private string ClientSecretFileKey => section + ":ClientSecretFile";

    /// <summary>Whether a token endpoint is configured at all (a deployment without one does not call).</summary>
    public bool Configured => configuration[EndpointKey] is { Length: > 0 };

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
            throw new ServiceAccountTokenUnavailableException($"The service account needs {EndpointKey}, {ClientIdKey} and {ClientSecretKey} (or {ClientSecretFileKey}).");
        try
        {
            using var http = httpClients.CreateClient(HttpClientName);
            using var response = await http.PostAsync(endpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
            }), ct);
            if (!response.IsSuccessStatusCode)
                throw new ServiceAccountTokenUnavailableException($"The token endpoint answered {(int)response.StatusCode} to client {clientId}.");
            var body = await response.Content.ReadFromJsonAsync<TokenResponse>(ct);
            if (body?.AccessToken is not { Length: > 0 } token) throw new ServiceAccountTokenUnavailableException("The token endpoint answered no access_token.");
            var lifetime = TimeSpan.FromSeconds(Math.Max(body.ExpiresIn ?? 300, 120));
            return (token, clock.GetUtcNow() + lifetime - TimeSpan.FromMinutes(1));
        }
        catch (HttpRequestException e)
        {
            throw new ServiceAccountTokenUnavailableException("The token endpoint does not answer.", e);
        }
    }

    private async Task<string?> SecretAsync(CancellationToken ct) =>
        configuration[ClientSecretKey] is { Length: > 0 } secret ? secret
        : configuration[ClientSecretFileKey] is { Length: > 0 } file && File.Exists(file) ? (await File.ReadAllTextAsync(file, ct)).Trim()
        : null;

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string? AccessToken, [property: JsonPropertyName("expires_in")] int? ExpiresIn);
}
