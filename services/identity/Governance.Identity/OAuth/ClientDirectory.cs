using System.Collections.Concurrent;
using Governance.Identity.Clients;
using Governance.Identity.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.EntityFrameworkCore.Models;

namespace Governance.Identity.OAuth;

/// <summary>A client as issuing a token needs it: its row and whether its org node still stands.</summary>
public sealed record ClientStanding(Client Client, bool OrgActive);

/// <summary>
/// What every client_credentials request reads about its client (OpenIddict's application: type,
/// secret hash, permissions; identity's client row; whether its org node stands), kept per client
/// id for <see cref="OAuthOptions.ClientCacheLifetime"/>. A department's system asks for tokens many
/// times a second at peak; reading the same two rows from the database for each was a fifth of the
/// cost of a token.
/// <para>
/// A change made through this replica (a secret rotated, an org node moved or retired) is seen at once:
/// those paths call <see cref="Forget"/> / <see cref="ForgetAll"/> after they commit, and a load that
/// began before the change is never stored over it (the generation check). A change made on another
/// replica, or straight in the database, is seen within the lifetime; a token issued in that window
/// lives five minutes and is not revocable anyway, so a second or two adds little to what an
/// operator must already wait.
/// </para>
/// </summary>
public sealed class ClientDirectory(TimeProvider clock, IOptions<OAuthOptions> options)
{
    private sealed record Entry<T>(T Value, DateTimeOffset LoadedAt);

    private readonly ConcurrentDictionary<string, Entry<ClientStanding>> _standings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry<OpenIddictEntityFrameworkCoreApplication>> _applications = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>The client and its org's standing; null when no client has that id (unknown ids are not kept).</summary>
    public async Task<ClientStanding?> FindAsync(string clientId, IdentityDb db, CancellationToken ct)
    {
        if (Fresh(_standings, clientId) is { } kept) return kept;
        var generation = Volatile.Read(ref _generation);
        // One round trip: the client and whether its org node still stands.
        var found = await db.Set<Client>().AsNoTracking().Where(c => c.ClientId == clientId)
            .Select(c => new ClientStanding(c, db.OrgNodes.Any(n => n.Path == c.OrgPath && n.RetiredAt == null)))
            .FirstOrDefaultAsync(ct);
        if (found is not null) Keep(_standings, clientId, found, generation);
        return found;
    }

    /// <summary>
    /// OpenIddict's application for <paramref name="clientId"/>, loaded by <paramref name="load"/> when
    /// not kept. Each caller gets its own copy, untracked: OpenIddict may change what it is given
    /// (a secret rotation), and a copy shared between requests would change under the others.
    /// </summary>
    public async ValueTask<OpenIddictEntityFrameworkCoreApplication?> FindApplicationAsync(string clientId,
        Func<ValueTask<OpenIddictEntityFrameworkCoreApplication?>> load)
    {
        if (Fresh(_applications, clientId) is { } kept) return Copy(kept);
        var generation = Volatile.Read(ref _generation);
        var loaded = await load();
        if (loaded is null) return null;
        var snapshot = Copy(loaded);
        Keep(_applications, clientId, snapshot, generation);
        return Copy(snapshot);
    }

    /// <summary>After a change to one client has committed.</summary>
    public void Forget(string clientId)
    {
        Interlocked.Increment(ref _generation);
        _standings.TryRemove(clientId, out _);
        _applications.TryRemove(clientId, out _);
    }

    /// <summary>After a change that may touch any client has committed (an org node moved or retired).</summary>
    public void ForgetAll()
    {
        Interlocked.Increment(ref _generation);
        _standings.Clear();
        _applications.Clear();
    }

    // A clock set back does not make an entry live longer than its lifetime from when it was loaded.
    private T? Fresh<T>(ConcurrentDictionary<string, Entry<T>> entries, string clientId) where T : class
    {
        if (!entries.TryGetValue(clientId, out var entry)) return null;
        var age = clock.GetUtcNow() - entry.LoadedAt;
        return age >= TimeSpan.Zero && age < options.Value.ClientCacheLifetime ? entry.Value : null;
    }

    private void Keep<T>(ConcurrentDictionary<string, Entry<T>> entries, string clientId, T value, long generation)
    {
        if (options.Value.ClientCacheLifetime <= TimeSpan.Zero) return;
        var entry = new Entry<T>(value, clock.GetUtcNow());
        entries[clientId] = entry;
        // A change committed while this was loading: what was loaded may predate it, so it is not kept.
        if (Volatile.Read(ref _generation) != generation) entries.TryRemove(new KeyValuePair<string, Entry<T>>(clientId, entry));
    }

    private static OpenIddictEntityFrameworkCoreApplication Copy(OpenIddictEntityFrameworkCoreApplication a) => new()
    {
        Id = a.Id, ApplicationType = a.ApplicationType, ClientId = a.ClientId, ClientSecret = a.ClientSecret,
        ClientType = a.ClientType, ConcurrencyToken = a.ConcurrencyToken, ConsentType = a.ConsentType,
        DisplayName = a.DisplayName, DisplayNames = a.DisplayNames, JsonWebKeySet = a.JsonWebKeySet,
        Permissions = a.Permissions, PostLogoutRedirectUris = a.PostLogoutRedirectUris, Properties = a.Properties,
        RedirectUris = a.RedirectUris, Requirements = a.Requirements, Settings = a.Settings,
    };
}
