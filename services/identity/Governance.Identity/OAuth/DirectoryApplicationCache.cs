using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;

namespace Governance.Identity.OAuth;

/// <summary>
/// OpenIddict's application cache (one per request), backed by the process-wide
/// <see cref="ClientDirectory"/> for look-ups by client id, the one every token request makes.
/// OpenIddict's own cache lives only as long as the request, so each token paid for a query.
/// Look-ups by id and by redirect URI (sign-in and sign-out, far rarer) go to the store.
/// </summary>
internal sealed class DirectoryApplicationCache(ClientDirectory directory, IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication> store)
    : IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication>
{
    // OpenIddict looks a client up more than once per request; it gets the same object each time.
    private readonly Dictionary<string, OpenIddictEntityFrameworkCoreApplication?> _request = new(StringComparer.Ordinal);

    public async ValueTask<OpenIddictEntityFrameworkCoreApplication?> FindByClientIdAsync(string identifier, CancellationToken cancellationToken)
    {
        if (_request.TryGetValue(identifier, out var known)) return known;
        var application = await directory.FindApplicationAsync(identifier, () => store.FindByClientIdAsync(identifier, cancellationToken));
        _request[identifier] = application;
        return application;
    }

    public ValueTask<OpenIddictEntityFrameworkCoreApplication?> FindByIdAsync(string identifier, CancellationToken cancellationToken) =>
        store.FindByIdAsync(identifier, cancellationToken);

    public IAsyncEnumerable<OpenIddictEntityFrameworkCoreApplication> FindByPostLogoutRedirectUriAsync(string uri, CancellationToken cancellationToken) =>
        store.FindByPostLogoutRedirectUriAsync(uri, cancellationToken);

    public IAsyncEnumerable<OpenIddictEntityFrameworkCoreApplication> FindByRedirectUriAsync(string uri, CancellationToken cancellationToken) =>
        store.FindByRedirectUriAsync(uri, cancellationToken);

    // Called by OpenIddict after it created or updated an application (committed): the next look-up reloads it.
    public ValueTask AddAsync(OpenIddictEntityFrameworkCoreApplication application, CancellationToken cancellationToken) =>
        ForgetAsync(application);

    public ValueTask RemoveAsync(OpenIddictEntityFrameworkCoreApplication application, CancellationToken cancellationToken) =>
        ForgetAsync(application);

    private ValueTask ForgetAsync(OpenIddictEntityFrameworkCoreApplication application)
    {
        if (application.ClientId is { } clientId)
        {
            _request.Remove(clientId);
            directory.Forget(clientId);
        }
        return ValueTask.CompletedTask;
    }
}
