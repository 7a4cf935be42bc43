using System.Security.Claims;
using Governance.Identity.Data;
using Governance.Identity.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Governance.Identity.SignIn;

/// <summary>
/// The browser's sign-in session at the identity service: an HttpOnly, SameSite=Lax cookie that says
/// who signed in, how (<c>amr</c>) and when, encrypted with the data-protection key ring. It is only
/// ever read by the authorization endpoint, which checks the account again each time: any admin
/// change to the account (disable, password or TOTP reset, roles) ends the session.
/// </summary>
public sealed record SignInSession(Guid UserId, IReadOnlyList<string> Amr, DateTimeOffset AuthenticatedAt)
{
    public const string Scheme = "Governance.SignIn";
    public const string CookieName = "governance.signin";
    private const string StampClaim = "stamp";

    /// <summary>The session, or null when there is none or the account changed since.</summary>
    public static async Task<SignInSession?> ReadAsync(HttpContext http, IdentityDb db, CancellationToken ct)
    {
        var result = await http.AuthenticateAsync(Scheme);
        if (!result.Succeeded || !Guid.TryParse(result.Principal.FindFirst("sub")?.Value, out var userId)) return null;
        var stamp = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.Status == UserStatus.Active)
            .Select(u => (Guid?)u.Version).FirstOrDefaultAsync(ct);
        if (stamp?.ToString() != result.Principal.FindFirst(StampClaim)?.Value) return null;
        return new SignInSession(userId, result.Principal.FindAll("amr").Select(c => c.Value).ToList(),
            result.Properties.IssuedUtc ?? DateTimeOffset.MinValue);
    }

    /// <summary>Starts the session after a successful sign-in on the page.</summary>
    public static Task StartAsync(HttpContext http, SignedIn signedIn, DateTimeOffset now)
    {
        var identity = new ClaimsIdentity(Scheme, "sub", null);
        identity.AddClaim(new Claim("sub", signedIn.User.Id.ToString()));
        identity.AddClaim(new Claim(StampClaim, signedIn.User.Version.ToString()));
        foreach (var method in signedIn.Amr) identity.AddClaim(new Claim("amr", method));
        return http.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IssuedUtc = now, IsPersistent = false });
    }
}
