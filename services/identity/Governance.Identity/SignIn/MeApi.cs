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
    public sealed record TotpRequest(string? CurrentPassword, string? CurrentTotp = null);

    public static IEndpointRouteBuilder MapMeApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/identity/me/totp", EnrollTotp).ProducesRefusals(400, 409);
        return app;
    }

    /// <summary>
    /// Enrols or replaces the caller's TOTP secret (a new phone). The current password is asked again,
    /// and, when a secret is enrolled, a current code from it (not one used before): a token left in a
    /// browser plus a password seen over a shoulder must not move the second factor to another device.
    /// A user who lost the phone asks an admin, who provisions a new secret.
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
        if (enrollment.SecretOf(user) is { } secret)
        {
            var step = Totp.Match(secret, request.CurrentTotp, clock.GetUtcNow());
            if (step is null || step <= user.TotpLastStep)
                throw DomainException.Invalid("currentTotp", "A current code from the enrolled authenticator is needed to replace it (each code counts once).");
        }
        var enrolled = enrollment.Enroll(user);
        user.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        var org = await db.OrgNodes.Where(n => n.Id == user.OrgNodeId).Select(n => n.Path).FirstAsync(ct);
        audit.Add(db, caller.Subject, AuditActions.TotpEnrolled, user.Id.ToString(), org, "re-enrolled by the user");
        await db.SaveChangesAsync(ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(enrolled);
    }
}
