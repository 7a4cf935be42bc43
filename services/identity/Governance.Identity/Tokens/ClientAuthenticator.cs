using System.Text;
using Governance.Identity.Audit;
using Governance.Identity.Clients;
using Governance.Identity.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.Identity.Tokens;

/// <summary>
/// Authenticates the client of a token or revocation request (RFC 6749 §2.3): HTTP Basic or
/// <c>client_id</c>/<c>client_secret</c> in the body, never both; a public client sends its
/// <c>client_id</c> alone. A failure is audited under the client id tried.
/// </summary>
public sealed class ClientAuthenticator(IdentityDb db, AuditTrail audit)
{
    public async Task<Client> AuthenticateAsync(TokenRequest request, CancellationToken ct)
    {
        var basic = request.Authorization?.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) == true;
        string? id, secret;
        if (basic)
        {
            if (request["client_secret"] is not null)
                throw TokenError.InvalidRequest("The client authenticated twice (HTTP Basic and client_secret): use one method.");
            (id, secret) = ParseBasic(request.Authorization!["Basic ".Length..].Trim())
                ?? throw TokenError.InvalidClient("The Authorization header does not hold Basic client credentials.", basic: true);
            if (request["client_id"] is { } bodyId && bodyId != id)
                throw TokenError.InvalidRequest("The client_id in the body differs from the one in the Authorization header.");
        }
        else
        {
            id = request["client_id"];
            secret = request["client_secret"];
        }
        if (string.IsNullOrEmpty(id))
            throw TokenError.InvalidClient("The client did not identify itself: send client_id (and its secret, if it has one).", basic);

        var client = id.Length <= 64 ? await db.Set<Client>().AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == id, ct) : null;
        var failure = client switch
        {
            null => "unknown client",
            { Enabled: false } => "client disabled",
            { IsPublic: true } when secret is not null => "secret sent by a public client",
            { IsPublic: false } when secret is null => "no secret sent",
            { IsPublic: false } when !ClientSecrets.Matches(secret, client.SecretHash) => "wrong secret",
            _ => null,
        };
        if (failure is null) return client!;
        audit.Add(db, id, AuditActions.SignInFailed, id, client?.OrgPath, "client authentication failed: " + failure);
        await db.SaveChangesAsync(ct);
        // One description for every cause: the answer does not say which client ids exist.
        throw TokenError.InvalidClient("Client authentication failed.", basic);
    }

    // RFC 6749 §2.3.1: id and secret are form-urlencoded before they are joined with ':' and base64-encoded.
    private static (string Id, string Secret)? ParseBasic(string encoded)
    {
        string decoded;
        try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded)); }
        catch (FormatException) { return null; }
        var colon = decoded.IndexOf(':');
        if (colon <= 0) return null;
        return (FormDecode(decoded[..colon]), FormDecode(decoded[(colon + 1)..]));
    }

    private static string FormDecode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
