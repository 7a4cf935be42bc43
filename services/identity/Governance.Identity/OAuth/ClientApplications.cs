using Governance.Identity.Clients;
using Governance.Identity.Data;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Governance.Identity.OAuth;

/// <summary>
/// Keeps OpenIddict's application (what the protocol checks: client type, secret, grant types,
/// endpoints, scopes, redirect URIs, PKCE) in step with identity's <see cref="Client"/> (what the
/// platform knows: its org node, roles, whether it is enabled). Both live in identity's database and
/// are written in one save.
/// </summary>
public sealed class ClientApplications(IdentityDb db, IOpenIddictApplicationManager applications, ClientDirectory directory)
{
    /// <summary>Registers <paramref name="client"/> (and saves everything staged on the context with it).</summary>
    public async Task CreateAsync(Client client, string? secret, CancellationToken ct) =>
        await applications.CreateAsync(Describe(client, secret), ct);

    /// <summary>Gives the client a new secret; the old one stops working at once.</summary>
    public async Task SetSecretAsync(Client client, string secret, CancellationToken ct)
    {
        // Read from the database and tracked, not from the directory: this replica may hold a copy
        // older than another replica's change, and the update checks the row's concurrency token.
        var application = await db.Set<OpenIddictEntityFrameworkCoreApplication>().FirstOrDefaultAsync(a => a.ClientId == client.ClientId, ct)
            ?? throw new InvalidOperationException($"The client {client.ClientId} has no OpenIddict application.");
        await applications.UpdateAsync(application, Describe(client, secret), ct);
        directory.Forget(client.ClientId);
    }

    /// <summary>
    /// Creates the application of every client that has none: clients registered before identity ran
    /// on OpenIddict keep their secrets, whose SHA-256 is exactly what <see cref="HashedSecretApplicationManager{T}"/> stores.
    /// </summary>
    public async Task EnsureAllAsync(CancellationToken ct)
    {
        var registered = await db.Set<OpenIddictEntityFrameworkCoreApplication>().Select(a => a.ClientId).ToListAsync(ct);
        foreach (var client in await db.Set<Client>().AsNoTracking().Where(c => !registered.Contains(c.ClientId)).ToListAsync(ct))
        {
            var descriptor = Describe(client, null);
            var application = new OpenIddictEntityFrameworkCoreApplication();
            await applications.PopulateAsync(application, descriptor, ct);
            if (client.SecretHash is { } hash) application.ClientSecret = ClientSecrets.Stored(hash);
            db.Add(application);
        }
        await db.SaveChangesAsync(ct);
    }

    private static OpenIddictApplicationDescriptor Describe(Client client, string? secret)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = secret,
            DisplayName = client.Name,
            ClientType = client.IsPublic ? ClientTypes.Public : ClientTypes.Confidential,
            // Every client is registered by an admin of the platform: no consent screen.
            ConsentType = ConsentTypes.Implicit,
        };
        var grants = client.GrantTypeList;
        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        descriptor.Permissions.Add(Permissions.Endpoints.Revocation);
        if (!client.IsPublic) descriptor.Permissions.Add(Permissions.Endpoints.Introspection);
        foreach (var grant in grants) descriptor.Permissions.Add(Permissions.Prefixes.GrantType + grant);
        if (grants.Contains(GrantTypes.AuthorizationCode))
        {
            descriptor.Permissions.Add(Permissions.Endpoints.Authorization);
            descriptor.Permissions.Add(Permissions.Endpoints.EndSession);
            descriptor.Permissions.Add(Permissions.ResponseTypes.Code);
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        }
        foreach (var scope in client.ScopeList) descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        foreach (var uri in Client.Split(client.RedirectUris)) descriptor.RedirectUris.Add(new Uri(uri));
        foreach (var uri in Client.Split(client.PostLogoutRedirectUris)) descriptor.PostLogoutRedirectUris.Add(new Uri(uri));
        return descriptor;
    }
}
