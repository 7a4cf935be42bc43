using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Governance.Population.Rental;

/// <summary>
/// The rental grading rules as data under <c>/api/population/rental-rules</c>: the version in effect (or at
/// <c>?at=</c>), every version with who, when and why, one version's document, and <c>PUT</c> to make a new one.
/// A version in effect at once regrades the rentals before the answer; one taking effect later, at the next scan after.
/// </summary>
public static class RentalRulesApi
{
    public sealed record VersionView(int Version, DateTime EffectiveFrom, DateTime CreatedAt, string CreatedBy, string Note, string Summary);
    public sealed record RulesView(VersionView Version, RentalRules Rules);

    public static IEndpointRouteBuilder MapRentalRulesApi(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup("/api/population/rental-rules");
        rules.MapGet("", InEffect).ProducesRefusals(403);
        rules.MapPut("", Change).ProducesRefusals(400, 403, 409);
        rules.MapGet("/versions", Versions).ProducesRefusals(403);
        rules.MapGet("/versions/{version:int}", Version).ProducesRefusals(403, 404);
        return app;
    }

    private static async Task<Ok<RulesView>> InEffect(HttpContext http, RentalRulesChanges changes, RentalRuleBook book, TimeProvider clock, DateTime? at, CancellationToken ct)
    {
        await changes.EnsureReadAsync(http.Caller(), ct);
        var inEffect = await book.InEffectAsync(at?.ToUniversalTime() ?? clock.GetUtcNow().UtcDateTime, ct);
        return TypedResults.Ok(View(await book.HeaderAsync(inEffect.Version, ct), inEffect.Document));
    }

    private static async Task<Ok<RulesView>> Version(HttpContext http, RentalRulesChanges changes, RentalRuleBook book, int version, CancellationToken ct)
    {
        await changes.EnsureReadAsync(http.Caller(), ct);
        var v = await book.VersionAsync(version, ct);
        return TypedResults.Ok(View(await book.HeaderAsync(version, ct), v.Document));
    }

    private static async Task<Ok<List<VersionView>>> Versions(HttpContext http, RentalRulesChanges changes, RentalRuleBook book, CancellationToken ct)
    {
        await changes.EnsureReadAsync(http.Caller(), ct);
        return TypedResults.Ok(await book.Versions.OrderByDescending(v => v.Version)
            .Select(v => new VersionView(v.Version, v.EffectiveFrom, v.CreatedAt, v.CreatedBy, v.Note, v.Summary)).ToListAsync(ct));
    }

    private static async Task<Created<RulesView>> Change(HttpContext http, RentalRulesChanges changes, RentalGrading grading, TimeProvider clock,
        RentalRulesChanges.Change request, CancellationToken ct)
    {
        var v = await changes.ChangeAsync(http.Caller(), request, ct);
        if (v.EffectiveFrom <= clock.GetUtcNow().UtcDateTime) await grading.RegradeAsync(ct);
        return TypedResults.Created($"/api/population/rental-rules/versions/{v.Version}", View(v, RentalRules.FromJson(v.Document)));
    }

    private static RulesView View(RentalRulesVersion v, RentalRules rules) =>
        new(new VersionView(v.Version, v.EffectiveFrom, v.CreatedAt, v.CreatedBy, v.Note, v.Summary), rules);
}
