using Governance.Identity.Clients;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace Governance.Identity.OAuth;

/// <summary>
/// OpenIddict's application manager with one change: client secrets are stored as SHA-256, not
/// PBKDF2. Identity generates every secret (256 random bits, <see cref="Clients.ClientSecrets"/>), so
/// there is nothing to guess and a slow hash buys nothing; it would cost every client_credentials
/// token several milliseconds of CPU. Compared in constant time.
/// </summary>
internal sealed class HashedSecretApplicationManager<TApplication>(IOpenIddictApplicationCache<TApplication> cache,
    ILogger<OpenIddictApplicationManager<TApplication>> logger, IOptionsMonitor<OpenIddictCoreOptions> options, IOpenIddictApplicationStore<TApplication> store)
    : OpenIddictApplicationManager<TApplication>(cache, logger, options, store) where TApplication : class
{
    protected override ValueTask<string> ObfuscateClientSecretAsync(string secret, CancellationToken cancellationToken = default) =>
        new(ClientSecrets.Stored(ClientSecrets.Hash(secret)));

    protected override ValueTask<bool> ValidateClientSecretAsync(string secret, string comparand, CancellationToken cancellationToken = default)
    {
        return new(ClientSecrets.FromStored(comparand) is { } hash && ClientSecrets.Matches(secret, hash));
    }
}
