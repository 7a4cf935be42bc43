using Governance.Identity.Audit;
using Governance.Identity.Data;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Governance.Identity.SignIn;

/// <summary>Self-service for the signed-in user, under <c>/api/identity/me</c>.</summary>
public static class MeApi
{
    public sealed record TotpRequest(string? CurrentPassword);

    public static IEndpointRouteBuilder MapMeApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/identity/me/totp", EnrollTotp).ProducesRefusals(400, 409);
        return app;
    }

    /// <summary>
    /// Replaces the caller's TOTP secret (a new phone, a lost one). The current password is asked
    /// again, so a token left behind in a browser cannot move the second factor to another device.
    /// </summary>
    private static async Task<Ok<TotpEnrolled>> EnrollTotp(HttpContext http, TotpRequest request, PasswordSignIn signIn,
        TotpEnrollment enrollment, IdentityDb db, AuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        var caller = http.Caller();
        if (caller.IsService || !Guid.TryParse(caller.Subject, out var userId))
            throw DomainException.Forbidden("Only a user signed in with a password can enrol a second factor.");
        if (!await signIn.CheckPasswordAsync(userId, request.CurrentPassword, ct))
            throw DomainException.Invalid("currentPassword", "The current password is wrong (or the account is locked for a while).");
        var user = await db.Users.FirstAsync(u => u.Id == userId, ct);
        var enrolled = enrollment.Enroll(user);
        user.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        var org = await db.OrgNodes.Where(n => n.Id == user.OrgNodeId).Select(n => n.Path).FirstAsync(ct);
        audit.Add(db, caller.Subject, AuditActions.TotpEnrolled, user.Id.ToString(), org, "re-enrolled by the user");
        await db.SaveChangesAsync(ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(enrolled);
    }
}
