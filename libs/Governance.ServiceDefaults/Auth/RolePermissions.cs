using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.ServiceDefaults.Auth;

/// <summary>
/// The permissions each role carries, as the identity service holds them (data, changed by its
/// admins), read from <c>{Issuer}/.well-known/governance-roles</c>:
/// <code>{ "roles": { "centre_operator": [ "incident.dispatch", ... ], ... } }</code>
/// Cached for <see cref="AuthOptions.RolesRefreshInterval"/>; a failed fetch keeps the last good
/// map, and with none at all every permission is refused (fail closed).
/// </summary>
public sealed partial class RolePermissions(IHttpClientFactory httpClients, IOptions<AuthOptions> options, TimeProvider time, ILogger<RolePermissions> logger)
{
    /// <summary>Where the identity service publishes the map, under its issuer URL.</summary>
    public const string Path = "/.well-known/governance-roles";

    private static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> None = new Dictionary<string, IReadOnlySet<string>>();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Snapshot? _current;
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;

    private sealed record Snapshot(IReadOnlyDictionary<string, IReadOnlySet<string>> Roles, DateTimeOffset FetchedAt);

    /// <summary>True when one of <paramref name="roles"/> carries <paramref name="permission"/>.</summary>
    public async Task<bool> PermitsAsync(IEnumerable<string> roles, string permission, CancellationToken cancellationToken)
    {
        var map = await GetAsync(cancellationToken);
        return roles.Any(role => map.TryGetValue(role, out var permissions) && permissions.Contains(permission));
    }

    /// <summary>The caller's live posts whose role carries <paramref name="permission"/>: each permits it within its own org's subtree only.</summary>
    public async Task<IReadOnlyList<Post>> PostsCarryingAsync(Caller caller, string permission, CancellationToken cancellationToken)
    {
        var map = await GetAsync(cancellationToken);
        return caller.Posts.Where(p => map.TryGetValue(p.Role, out var permissions) && permissions.Contains(permission)).ToList();
    }

    private async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> GetAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        var now = time.GetUtcNow();
        if (current is not null && now - current.FetchedAt < options.Value.RolesRefreshInterval) return current.Roles;
        if (options.Value.Issuer is null) return None;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            current = _current;
            if (current is not null && now - current.FetchedAt < options.Value.RolesRefreshInterval) return current.Roles;
            // Throttled like the JWKS: a down issuer is asked again after a pause, not on every request.
            if (now - _lastAttempt < options.Value.JwksMinRefreshInterval) return current?.Roles ?? None;
            _lastAttempt = now;
            try
            {
                var http = httpClients.CreateClient(IssuerConfiguration.HttpClientName);
                var json = await http.GetStringAsync(options.Value.Issuer.TrimEnd('/') + Path, cancellationToken);
                var roles = JsonSerializer.Deserialize<Document>(json, JsonSerializerOptions.Web)?.Roles
                    ?? throw new InvalidDataException("The roles document has no 'roles'.");
                var map = roles.ToDictionary(r => r.Key, r => (IReadOnlySet<string>)r.Value.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
                _current = new Snapshot(map, now);
                return map;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogFetchFailed(logger, e, options.Value.Issuer);
                return current?.Roles ?? None;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed record Document(Dictionary<string, string[]>? Roles);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch role permissions from {Issuer}; keeping the last good map")]
    private static partial void LogFetchFailed(ILogger logger, Exception exception, string issuer);
}
