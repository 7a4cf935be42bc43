using System.Text.RegularExpressions;
using Governance.Identity.Audit;
using Governance.Identity.Data;
using Governance.Identity.OAuth;
using Governance.Identity.Org;
using Governance.Identity.Roles;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Identity.Clients;

/// <summary>A client just created or given a new secret; <see cref="Secret"/> is shown this once.</summary>
public sealed record ClientWithSecret(Client Client, string? Secret);

/// <summary>
/// Registers OAuth2 clients and rotates their secrets. Only callers whose roles carry
/// <c>client.manage</c>, and only for clients whose org lies inside their own subtree; each change is
/// audited (never with the secret).
/// </summary>
public sealed partial class ClientAdmin(IdentityDb db, AuditTrail audit, ClientApplications applications, TimeProvider clock, RolePermissions permissions)
{
    public const string AuthorizationCode = "authorization_code";
    public const string ClientCredentials = "client_credentials";
    public const string Password = "password";
    public const string RefreshToken = "refresh_token";
    // The password grant is not offered: it is the cli client's alone, and only where a deployment allows it (OAuthOptions).
    private static readonly string[] KnownGrants = [AuthorizationCode, ClientCredentials, RefreshToken];

    public async Task<ClientWithSecret> CreateAsync(Caller caller, string? clientId, string? name, string[]? grantTypes,
        string[]? scopes, string? orgPath, string[]? roles, bool isPublic, CancellationToken ct,
        string[]? redirectUris = null, string[]? postLogoutRedirectUris = null)
    {
        if (clientId is null || !ClientIdPattern().IsMatch(clientId))
            throw DomainException.Invalid("clientId", "The client id must be 2 to 64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit.");
        // A client's tokens carry its id as `sub`, where a user's carry the user's id, a UUID: a client
        // named like a user would act, and be audited, as that user.
        if (Guid.TryParse(clientId, out _))
            throw DomainException.Invalid("clientId", "The client id cannot be a UUID: user ids are, and a client must never be taken for a user.");
        var trimmedName = name?.Trim();
        if (string.IsNullOrEmpty(trimmedName) || trimmedName.Length > 100)
            throw DomainException.Invalid("name", "The name must be 1 to 100 characters.");
        var grants = (grantTypes ?? []).Distinct().ToArray();
        if (grants.Length == 0 || grants.Any(g => !KnownGrants.Contains(g)))
            throw DomainException.Invalid("grantTypes", $"Grant types must be one or more of {string.Join(", ", KnownGrants)}.");
        if (isPublic && grants.Contains(ClientCredentials))
            throw DomainException.RuleViolated("PublicClientCannotUseClientCredentials",
                "A public client has no secret, so it cannot use client_credentials: only authorization_code and refresh_token.");
        var redirects = CheckRedirectUris(redirectUris, "redirectUris");
        var postLogout = CheckRedirectUris(postLogoutRedirectUris, "postLogoutRedirectUris");
        if (grants.Contains(AuthorizationCode) && redirects.Length == 0)
            throw DomainException.Invalid("redirectUris", "A client using authorization_code needs at least one redirect URI.");
        if (!grants.Contains(AuthorizationCode) && redirects.Length + postLogout.Length > 0)
            throw DomainException.Invalid("redirectUris", "Redirect URIs are for clients using authorization_code.");
        var scopeList = (scopes ?? []).Distinct().ToArray();
        if (scopeList.FirstOrDefault(s => !ScopeTokenPattern().IsMatch(s)) is { } badScope)
            throw DomainException.Invalid("scopes", $"The scope '{badScope}' is not an RFC 6749 scope token (printable ASCII, no space, '\"' or '\\').");
        var node = OrgPath.TryParse(orgPath, out _) ? await db.OrgNodes.AsNoTracking().FirstOrDefaultAsync(n => n.Path == orgPath, ct) : null;
        if (node is null) throw DomainException.Invalid("orgPath", $"No org node has the path '{orgPath}'.");
        await permissions.EnsurePermittedAsync(caller, IdentityPermissions.ClientManage, node.OrgPath, ct);
        if (node.IsRetired) throw DomainException.RuleViolated("RetiredNodeTakesNoClients", $"The node {node.Path} is retired.");
        var roleList = await CheckRolesAsync((roles ?? []).Distinct().ToArray(), ct);
        if (await db.Set<Client>().AnyAsync(c => c.ClientId == clientId, ct))
            throw DomainException.Duplicate($"The client {clientId} exists already.");

        var secret = isPublic ? null : ClientSecrets.NewSecret();
        var client = new Client
        {
            ClientId = clientId, Name = trimmedName, SecretHash = secret is null ? null : ClientSecrets.Hash(secret),
            GrantTypes = string.Join(' ', grants), Scopes = string.Join(' ', scopeList), OrgPath = node.Path,
            Roles = string.Join(' ', roleList), RedirectUris = string.Join(' ', redirects),
            PostLogoutRedirectUris = string.Join(' ', postLogout), CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Set<Client>().Add(client);
        audit.Add(db, caller.Subject, AuditActions.ClientCreated, clientId, node.Path,
            $"grants: {client.GrantTypes}; scopes: {client.Scopes}; roles: {client.Roles}; {(isPublic ? "public" : "confidential")}");
        // OpenIddict's manager saves the context: the client, its application and the audit line commit together.
        await applications.CreateAsync(client, secret, ct);
        return new ClientWithSecret(client, secret);
    }

    public async Task<ClientWithSecret> RotateSecretAsync(Caller caller, string clientId, CancellationToken ct)
    {
        var client = await db.Set<Client>().FirstOrDefaultAsync(c => c.ClientId == clientId, ct);
        if (client is null || client.OrgPath is null || !caller.MayActOn(OrgPath.Parse(client.OrgPath)))
            throw await permissions.NotWithinReachAsync(caller, IdentityPermissions.ClientManage, db, $"No client {clientId} within your org.", ct);
        await permissions.EnsurePermittedAsync(caller, IdentityPermissions.ClientManage, OrgPath.Parse(client.OrgPath), ct);
        if (client.IsPublic)
            throw DomainException.RuleViolated("PublicClientHasNoSecret", $"The client {clientId} is public: it has no secret to rotate.");
        var secret = ClientSecrets.NewSecret();
        // The old secret stops working at once: a department's system is updated with the new one first.
        client.SecretHash = ClientSecrets.Hash(secret);
        client.SecretRotatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Add(db, caller.Subject, AuditActions.ClientSecretRotated, clientId, client.OrgPath);
        await applications.SetSecretAsync(client, secret, ct);
        return new ClientWithSecret(client, secret);
    }

    private async Task<string[]> CheckRolesAsync(string[] roles, CancellationToken ct)
    {
        var known = await db.Roles.AsNoTracking().Where(r => roles.Contains(r.Name)).ToListAsync(ct);
        if (roles.FirstOrDefault(r => known.All(k => k.Name != r)) is { } unknown)
            throw DomainException.Invalid("roles", $"There is no role '{unknown}'.");
        // A system cannot give a second factor, so it must not hold a role that demands one.
        if (known.FirstOrDefault(r => r.RequiresSecondFactor) is { } strong)
            throw DomainException.RuleViolated("ClientCannotHoldSecondFactorRole",
                $"A client cannot carry the role {strong.Name}: it requires a second factor, which a system cannot give.");
        return roles;
    }

    // RFC 6749 §3.1.2: absolute, no fragment; https, or http on loopback only (RFC 8252 §7.3 native apps).
    private static string[] CheckRedirectUris(string[]? uris, string field)
    {
        var list = (uris ?? []).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var value in list)
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Fragment.Length > 0 || value.Contains(' ')
                || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
                throw DomainException.Invalid(field, $"The URI '{value}' must be absolute https (or http on loopback), without a fragment.");
        }
        return list.Sum(u => u.Length + 1) <= 2000 ? list : throw DomainException.Invalid(field, "Too many redirect URIs (2,000 characters at most).");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,63}$")]
    private static partial Regex ClientIdPattern();

    // RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
    [GeneratedRegex(@"^[\x21\x23-\x5B\x5D-\x7E]{1,100}$")]
    private static partial Regex ScopeTokenPattern();
}
