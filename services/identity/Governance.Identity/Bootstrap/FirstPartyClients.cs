using Governance.Identity.Clients;
using Governance.Identity.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.Identity.Bootstrap;

/// <summary>
/// The platform's own sign-in clients, public (no secret: they run on staff's machines, where a
/// secret would not stay one), allowed only the password and refresh grants. Created by the
/// bootstrap when missing; a deployment may disable them.
/// </summary>
internal static class FirstPartyClients
{
    public const string Scopes = "openid governance";

    public static async Task EnsureAsync(IdentityDb db, DateTime now, CancellationToken ct)
    {
        foreach (var (id, name) in new[] { ("console", "综治中心控制台 (console)"), ("cli", "Command-line tools (cli)") })
        {
            if (await db.Set<Client>().AnyAsync(c => c.ClientId == id, ct)) continue;
            db.Set<Client>().Add(new Client { ClientId = id, Name = name, GrantTypes = "password refresh_token", Scopes = Scopes, CreatedAt = now });
        }
        await db.SaveChangesAsync(ct);
    }
}
