using Governance.Grid.Data;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Versioning;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.Rules;

/// <summary>
/// The grid's rules as data: <c>GET /api/grid/rules</c> (what is in effect, or was at <c>?at=</c>), its versions, and
/// <c>PUT</c> to make a new version (<see cref="VersionedDocumentApi"/>, <see cref="RulesChanges"/>: <c>rules.manage</c>
/// over the whole org tree); beside them, grid's own <c>GET /api/grid/categories</c> (the catalogue in effect) and
/// <c>GET /api/grid/rules/changes</c> (the change log, calendars included). Reads need <c>rules.read</c>.
/// </summary>
public static class RulesApi
{
    public sealed record CategoriesView(int Version, DateTime EffectiveFrom, IReadOnlyList<CategoryRules> Categories);
    public sealed record ChangeView(DateTime At, string Actor, string Subject, string Summary);

    public static IEndpointRouteBuilder MapRulesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/grid/categories", Categories).ProducesRefusals(403);
        var rules = app.MapVersionedDocumentApi<RuleBook, RulesChanges, RuleSetVersion, GridRules, RulesChanges.Change>("/api/grid/rules", RulesAccess.Read);
        rules.MapGet("/changes", Changes).ProducesRefusals(403);
        return app;
    }

    private static async Task<Ok<CategoriesView>> Categories(HttpContext http, RulesAccess access, RuleBook book, TimeProvider clock, DateTime? at, CancellationToken ct)
    {
        await access.EnsureReadAsync(http.Caller(), ct);
        var inEffect = await book.InEffectAsync(at?.ToUniversalTime() ?? clock.GetUtcNow().UtcDateTime, ct);
        return TypedResults.Ok(new CategoriesView(inEffect.Version, inEffect.EffectiveFrom, inEffect.Document.Categories));
    }

    private static async Task<Ok<List<ChangeView>>> Changes(HttpContext http, RulesAccess access, GridDb db, int? limit, CancellationToken ct)
    {
        await access.EnsureReadAsync(http.Caller(), ct);
        return TypedResults.Ok(await db.Set<RulesChange>().AsNoTracking().OrderByDescending(c => c.Id).Take(Math.Clamp(limit ?? 100, 1, 1000))
            .Select(c => new ChangeView(c.At, c.Actor, c.Subject, c.Summary)).ToListAsync(ct));
    }
}
