using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace Governance.Console.Auth;

/// <summary>
/// Keeps each console session's ticket (the user's claims and their access, refresh and ID tokens) on the server,
/// so that the browser's cookie carries only the session key (backend-for-frontend). The key is the session claim
/// <see cref="ConsoleClaims.Session"/> made at sign-in, so that the token refresh finds the ticket again from the
/// user alone. Held in <see cref="IDistributedCache"/>: in memory in one process; a gateway with several replicas
/// registers a shared cache (e.g. Redis) before <c>AddConsole</c>.
/// </summary>
public sealed class SessionTicketStore(IDistributedCache cache, IOptions<ConsoleOptions> options) : ITicketStore
{
    private const string Prefix = "console-session:";

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = ticket.Principal.FindFirst(ConsoleClaims.Session)?.Value ?? Guid.NewGuid().ToString("N");
        await RenewAsync(key, ticket);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) =>
        cache.SetAsync(Prefix + key, TicketSerializer.Default.Serialize(ticket),
            new DistributedCacheEntryOptions { SlidingExpiration = options.Value.SessionIdleTimeout });

    public async Task<AuthenticationTicket?> RetrieveAsync(string key) =>
        await cache.GetAsync(Prefix + key) is { } bytes ? TicketSerializer.Default.Deserialize(bytes) : null;

    public Task RemoveAsync(string key) => cache.RemoveAsync(Prefix + key);
}

/// <summary>Hands the store to the cookie handler (it is a singleton with the cache under it).</summary>
internal sealed class SessionStoreSetup(SessionTicketStore store) : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        if (name == ConsoleAuthentication.CookieScheme) options.SessionStore = store;
    }
}
