using Governance.Console.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Governance.Console.Auth;

/// <summary>
/// Keeps each console session's ticket (the user's claims and their access, refresh and ID tokens) on the server, so
/// that the browser's cookie carries only the session key (backend-for-frontend). The key is the session claim
/// <see cref="ConsoleClaims.Session"/> made at sign-in, so that the token refresh finds the ticket again from the user
/// alone. The tickets live in the console's database (<see cref="ConsoleDb"/>): every replica of the gateway reads the
/// sessions the others made, and a restart signs nobody out. Each ticket is sealed with data protection, bound to its
/// key, so that a copy of the table gives no tokens away and a row moved to another key does not open.
/// </summary>
public sealed class SessionTicketStore(IServiceScopeFactory scopes, IDataProtectionProvider protection, IOptions<ConsoleOptions> options, TimeProvider time)
    : ITicketStore
{
    private readonly IDataProtector _seal = protection.CreateProtector("Governance.Console.SessionTicket");

    /// <summary>What a refresh did with the session's tokens.</summary>
    /// <param name="AccessToken">The token to call with; null when there is none.</param>
    /// <param name="Renewed">The ticket with new tokens, to be kept; null when nothing changed.</param>
    /// <param name="Ended">The refresh token was refused: the session is over.</param>
    public sealed record Refresh(string? AccessToken, AuthenticationTicket? Renewed = null, bool Ended = false);

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = ticket.Principal.FindFirst(ConsoleClaims.Session)?.Value ?? Guid.NewGuid().ToString("N");
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsoleDb>();
        // Sessions nobody came back to are gone from the database at the next sign-in, not only from the cookie jar.
        var now = Now;
        await db.Sessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync();
        await WriteAsync(db, key, ticket);
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var scope = scopes.CreateAsyncScope();
        await WriteAsync(scope.ServiceProvider.GetRequiredService<ConsoleDb>(), key, ticket);
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsoleDb>();
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key);
        return session is null || session.ExpiresAt <= Now ? null : Open(key, session.Ticket);
    }

    public async Task RemoveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ConsoleDb>().Sessions.Where(s => s.Key == key).ExecuteDeleteAsync();
    }

    /// <summary>
    /// Runs <paramref name="refresh"/> on the session's ticket while no other replica can: identity rotates refresh tokens
    /// and treats a rotated one presented again as theft, so two replicas refreshing one session at once would end it. On
    /// PostgreSQL the session's row is locked (<c>FOR UPDATE</c>) until the new ticket is written; a SQLite file belongs
    /// to one process, whose callers <see cref="SessionTokens"/> already takes one at a time.
    /// </summary>
    public async Task<string?> RefreshExclusiveAsync(string key, Func<AuthenticationTicket, Task<Refresh>> refresh, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsoleDb>();
        // The retrying strategy runs the unit again after a dropped connection; at worst the retry presents a refresh token
        // identity already rotated, and the user signs in again.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var session = await LockedAsync(db, key, ct);
            if (session is null || session.ExpiresAt <= Now || Open(key, session.Ticket) is not { } ticket) return null;
            var outcome = await refresh(ticket);
            if (outcome.Ended) db.Sessions.Remove(session);
            else if (outcome.Renewed is { } renewed) Seal(session, renewed);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return outcome.Ended ? null : outcome.AccessToken;
        });
    }

    // Under the row's lock too, as a refresh takes it: otherwise a renewal that read the row before a refresh committed
    // would write its older tokens over the refresh's.
    private Task WriteAsync(ConsoleDb db, string key, AuthenticationTicket ticket) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var session = await LockedAsync(db, key, CancellationToken.None);
            if (session is null)
            {
                session = new ConsoleSession { Key = key, Ticket = [] };
                db.Sessions.Add(session);
            }
            else if (Open(key, session.Ticket) is { } stored && ExpiresAt(stored) > ExpiresAt(ticket))
            {
                // The cookie handler renews with the ticket it read when its request began; a refresh that rotated the
                // tokens since then must not be undone, or the next refresh would present a spent refresh token.
                ticket.Properties.StoreTokens(stored.Properties.GetTokens());
            }
            Seal(session, ticket);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        });

    /// <summary>The session's row, locked until the transaction ends on PostgreSQL (a SQLite file has one writer at a time).</summary>
    private static Task<ConsoleSession?> LockedAsync(ConsoleDb db, string key, CancellationToken ct) =>
        db.Database.IsNpgsql()
            ? db.Sessions.FromSql($"""SELECT * FROM console_sessions WHERE "Key" = {key} FOR UPDATE""").FirstOrDefaultAsync(ct)
            : db.Sessions.FirstOrDefaultAsync(s => s.Key == key, ct);

    private void Seal(ConsoleSession session, AuthenticationTicket ticket)
    {
        session.Ticket = _seal.CreateProtector(session.Key).Protect(TicketSerializer.Default.Serialize(ticket));
        session.ExpiresAt = Now + options.Value.SessionIdleTimeout;
    }

    private AuthenticationTicket? Open(string key, byte[] sealedTicket)
    {
        try
        {
            return TicketSerializer.Default.Deserialize(_seal.CreateProtector(key).Unprotect(sealedTicket));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Sealed under a key ring this host does not have (or altered): the user signs in again.
            return null;
        }
    }

    private static DateTimeOffset ExpiresAt(AuthenticationTicket ticket) =>
        DateTimeOffset.TryParse(ticket.Properties.GetTokenValue("expires_at"), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : DateTimeOffset.MinValue;

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}

/// <summary>Hands the store to the cookie handler (it is a singleton that opens a database scope per call).</summary>
internal sealed class SessionStoreSetup(SessionTicketStore store) : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        if (name == ConsoleAuthentication.CookieScheme) options.SessionStore = store;
    }
}
