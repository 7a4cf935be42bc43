using Governance.Identity.Clients;
using Governance.Identity.Data;
using Governance.Identity.OAuth;
using Microsoft.EntityFrameworkCore;

namespace Governance.Identity.Bootstrap;

/// <summary>
/// The platform's own sign-in clients, public (no secret: they run in browsers and on staff's
/// machines, where a secret would not stay one): the web console signs in with the authorization code
/// flow and PKCE at the redirect URIs a deployment configures; the cli uses the legacy password grant,
/// which only works where <see cref="OAuthOptions.LegacyPasswordGrant"/> allows it. Created by the
/// bootstrap when missing and brought up to date (a console registered before the code flow existed
/// loses the password grant).
/// </summary>
internal static class FirstPartyClients
{
    public const string Scopes = "openid governance";
    public const string Console = "console";
    public const string Cli = "cli";

    public static async Task EnsureAsync(IdentityDb db, OAuthOptions oauth, DateTime now, CancellationToken ct)
    {
        var console = await db.Set<Client>().FirstOrDefaultAsync(c => c.ClientId == Console, ct);
        if (console is null)
        {
            console = new Client { ClientId = Console, Name = "综治中心控制台 (console)", GrantTypes = "", Scopes = Scopes, CreatedAt = now };
            db.Set<Client>().Add(console);
        }
        console.GrantTypes = $"{ClientAdmin.AuthorizationCode} {ClientAdmin.RefreshToken}";
        console.RedirectUris = string.Join(' ', oauth.ConsoleRedirectUris);
        console.PostLogoutRedirectUris = string.Join(' ', oauth.ConsolePostLogoutRedirectUris);
        if (!await db.Set<Client>().AnyAsync(c => c.ClientId == Cli, ct))
            db.Set<Client>().Add(new Client
            {
                ClientId = Cli, Name = "Command-line tools (cli)", GrantTypes = $"{ClientAdmin.Password} {ClientAdmin.RefreshToken}", Scopes = Scopes, CreatedAt = now,
            });
        await db.SaveChangesAsync(ct);
    }
}
