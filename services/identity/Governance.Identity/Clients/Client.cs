using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Identity.Clients;

/// <summary>
/// An OAuth2 client: a department's system (confidential, client credentials) or a first-party
/// app such as the console (public, authorization code with PKCE, refresh) or the CLI. The protocol's
/// view of it (secret, permissions, redirect URIs) is OpenIddict's application of the same client id,
/// kept in step by <see cref="OAuth.ClientApplications"/>. Grant types,
/// scopes and roles are space-separated lists, as OAuth2 writes scopes.
/// </summary>
public sealed class Client
{
    /// <summary>The <c>client_id</c>: lower-case letters, digits, '-', '_' and '.', at most 64.</summary>
    public required string ClientId { get; init; }

    public required string Name { get; set; }

    /// <summary>
    /// SHA-256 of the secret; null for a public client. The secret itself is shown once and never stored.
    /// OpenIddict's application holds the same hash, and checks it.
    /// </summary>
    public byte[]? SecretHash { get; set; }

    /// <summary>Space-separated grant types, e.g. <c>client_credentials</c> or <c>password refresh_token</c>.</summary>
    public required string GrantTypes { get; set; }

    /// <summary>Space-separated scopes the client may ask for; the default when it asks for none.</summary>
    public required string Scopes { get; set; }

    /// <summary>The org path a client-credentials token carries: a department's system acts within its org.</summary>
    public string? OrgPath { get; set; }

    /// <summary>Space-separated absolute URIs where the client receives authorization codes (authorization_code only).</summary>
    public string RedirectUris { get; set; } = "";

    /// <summary>Space-separated absolute URIs the browser may return to after signing out.</summary>
    public string PostLogoutRedirectUris { get; set; } = "";

    /// <summary>Space-separated roles a client-credentials token carries.</summary>
    public string Roles { get; set; } = "";

    public bool Enabled { get; set; } = true;
    public DateTime CreatedAt { get; init; }
    public DateTime? SecretRotatedAt { get; set; }

    public bool IsPublic => SecretHash is null;
    public IReadOnlyList<string> GrantTypeList => Split(GrantTypes);
    public IReadOnlyList<string> ScopeList => Split(Scopes);
    public IReadOnlyList<string> RoleList => Split(Roles);
    public bool Allows(string grantType) => GrantTypeList.Contains(grantType, StringComparer.Ordinal);

    internal static string[] Split(string? list) => (list ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> client)
    {
        client.ToTable("clients");
        client.HasKey(c => c.ClientId);
        client.Property(c => c.ClientId).HasMaxLength(64);
        client.Property(c => c.Name).HasMaxLength(100);
        client.Property(c => c.SecretHash).HasMaxLength(32);
        client.Property(c => c.GrantTypes).HasMaxLength(200);
        client.Property(c => c.Scopes).HasMaxLength(1000);
        client.Property(c => c.OrgPath).HasMaxLength(256);
        client.Property(c => c.Roles).HasMaxLength(500);
        client.Property(c => c.RedirectUris).HasMaxLength(2000);
        client.Property(c => c.PostLogoutRedirectUris).HasMaxLength(2000);
        client.Ignore(c => c.IsPublic);
        client.Ignore(c => c.GrantTypeList);
        client.Ignore(c => c.ScopeList);
        client.Ignore(c => c.RoleList);
    }
}
