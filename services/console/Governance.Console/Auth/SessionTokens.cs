using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Governance.Console.Auth;

/// <summary>
/// The signed-in user's access token, from their server-side session, refreshed with the refresh token when it is
/// about to expire (identity rotates refresh tokens and treats a rotated one presented again as theft, so one refresh
/// per session runs at a time). Null when the session has ended: the page asks the user to sign in again.
/// </summary>
public sealed class SessionTokens(SessionTicketStore store, IOptionsMonitor<OpenIdConnectOptions> oidc, IOptions<ConsoleOptions> options, TimeProvider time)
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Refreshing = new();

    public async Task<string?> AccessTokenAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.FindFirst(ConsoleClaims.Session)?.Value is not { } key) return null;
        var ticket = await store.RetrieveAsync(key);
        if (ticket is null) return null;
        if (!NeedsRefresh(ticket)) return ticket.Properties.GetTokenValue("access_token");
        var gate = Refreshing.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            // Read again under the lock: another call, here or on another replica, may have refreshed it meanwhile.
            return await store.RefreshExclusiveAsync(key, current => NeedsRefresh(current)
                ? RefreshAsync(current, ct)
                : Task.FromResult(new SessionTicketStore.Refresh(current.Properties.GetTokenValue("access_token"))), ct);
        }
        finally
        {
            gate.Release();
        }
    }

    private bool NeedsRefresh(AuthenticationTicket ticket) =>
        !DateTimeOffset.TryParse(ticket.Properties.GetTokenValue("expires_at"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires)
        || expires - time.GetUtcNow() <= options.Value.RefreshBeforeExpiry;

    private bool NotExpired(AuthenticationTicket ticket) =>
        DateTimeOffset.TryParse(ticket.Properties.GetTokenValue("expires_at"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires)
        && expires > time.GetUtcNow();

    private async Task<SessionTicketStore.Refresh> RefreshAsync(AuthenticationTicket ticket, CancellationToken ct)
    {
        if (ticket.Properties.GetTokenValue("refresh_token") is not { } refresh) return new(null, Ended: true);
        var o = oidc.Get(ConsoleAuthentication.OidcScheme);
        var configuration = await o.ConfigurationManager!.GetConfigurationAsync(ct);
        using var response = await o.Backchannel.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refresh, ["client_id"] = o.ClientId!,
        }), ct);
        // invalid_grant: revoked, reused or expired, so the session is over
        if (response.StatusCode is System.Net.HttpStatusCode.BadRequest or System.Net.HttpStatusCode.Unauthorized) return new(null, Ended: true);
        if (!response.IsSuccessStatusCode) // identity busy (429) or down: the current token serves while it lasts
            return new(NotExpired(ticket) ? ticket.Properties.GetTokenValue("access_token") : null);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var access = body.GetProperty("access_token").GetString()!;
        var tokens = ticket.Properties.GetTokens().ToDictionary(t => t.Name, t => t.Value);
        tokens["access_token"] = access;
        if (body.TryGetProperty("refresh_token", out var rotated)) tokens["refresh_token"] = rotated.GetString()!;
        if (body.TryGetProperty("expires_in", out var seconds))
            tokens["expires_at"] = time.GetUtcNow().AddSeconds(seconds.GetInt32()).ToString("o", CultureInfo.InvariantCulture);
        ticket.Properties.StoreTokens(tokens.Select(t => new AuthenticationToken { Name = t.Key, Value = t.Value }));
        return new(access, Renewed: ticket);
    }
}
