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
/// The grid's rules as data: <c>GET /api/grid/categories</c> (what is in effect, or was at <c>?at=</c>),
/// <c>GET /api/grid/rules</c>, its versions and change log, and <c>PUT /api/grid/rules</c> to make a
/// new version (<c>rules.manage</c>). Reads need <c>rules.read</c>.
/// </summary>
public static class RulesApi
{
    public sealed record CategoriesView(int Version, DateTime EffectiveFrom, IReadOnlyList<CategoryRules> Categories);
    public sealed record VersionView(int Version, DateTime EffectiveFrom, DateTime CreatedAt, string CreatedBy, string Note, string Summary);
    public sealed record RulesView(VersionView Version, GridRules Rules);
    public sealed record ChangeView(DateTime At, string Actor, string Subject, string Summary);

    /// <summary>A new version: the whole document, the version it is built on, when it takes effect (now when absent) and why.</summary>
    public sealed record ChangeRequest(int? BaseVersion, DateTime? EffectiveFrom, string? Note,
        IReadOnlyList<CategoryInput?>? Categories, IReadOnlyList<EscalationRuleInput?>? EscalationRules);

    public static IEndpointRouteBuilder MapRulesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/grid/categories", Categories).ProducesRefusals(403);
        var rules = app.MapGroup("/api/grid/rules");
        rules.MapGet("", InEffect).ProducesRefusals(403);
        rules.MapPut("", Change).ProducesRefusals(400, 403, 409);
        rules.MapGet("/versions", Versions).ProducesRefusals(403);
        rules.MapGet("/versions/{version:int}", Version).ProducesRefusals(403, 404);
        rules.MapGet("/changes", Changes).ProducesRefusals(403);
        return app;
    }

    private static async Task<Ok<CategoriesView>> Categories(HttpContext http, RulesAccess access, RuleBook book, TimeProvider clock, DateTime? at, CancellationToken ct)
    {
        await access.EnsureReadAsync(http.Caller(), ct);
        var inEffect = await book.InEffectAsync(at?.ToUniversalTime() ?? clock.GetUtcNow().UtcDateTime, ct);
        return TypedResults.Ok(new CategoriesView(inEffect.Version, inEffect.EffectiveFrom, inEffect.Document.Categories));
    }

    private static async Task<Ok<RulesView>> InEffect(HttpContext http, RulesAccess access, RuleBook book, TimeProvider clock, DateTime? at, CancellationToken ct)
    {
        await access.EnsureReadAsync(http.Caller(), ct);
        var inEffect = await book.InEffectAsync(at?.ToUniversalTime() ?? clock.GetUtcNow().UtcDateTime, ct);
        return TypedResults.Ok(await ViewAsync(book, inEffect, ct));
    }

    private static async Task<Ok<RulesView>> Version(HttpContext http, RulesAccess access, RuleBook book, int version, CancellationToken ct)
    {
        await access.EnsureReadAsync(http.Caller(), ct);
        return TypedResults.Ok(await ViewAsync(book, await book.VersionAsync(version, ct), ct));
    }

    private static async Task<Ok<List<VersionView>>> Versions(HttpContext http, RulesAccess access, RuleBook book, CancellationToken ct)
    {
        await access.EnsureReadAsync(http.Caller(), ct);
        return TypedResults.Ok(await book.Versions.OrderByDescending(v => v.Version)
            .Select(v => new VersionView(v.Version, v.EffectiveFrom, v.CreatedAt, v.CreatedBy, v.Note, v.Summary)).ToListAsync(ct));
    }

    private static async Task<Ok<List<ChangeView>>> Changes(HttpContext http, RulesAccess access, GridDb db, int? limit, CancellationToken ct)
    {
        await access.EnsureReadAsync(http.Caller(), ct);
        return TypedResults.Ok(await db.Set<RulesChange>().AsNoTracking().OrderByDescending(c => c.Id).Take(Math.Clamp(limit ?? 100, 1, 1000))
            .Select(c => new ChangeView(c.At, c.Actor, c.Subject, c.Summary)).ToListAsync(ct));
    }

    private static async Task<Created<RulesView>> Change(HttpContext http, RulesChanges changes, RuleBook book, ChangeRequest request, CancellationToken ct)
    {
        var version = await changes.ChangeAsync(http.Caller(),
            new RulesChanges.Change(request.BaseVersion, request.EffectiveFrom, request.Note, new GridRulesInput(request.Categories, request.EscalationRules)), ct);
        return TypedResults.Created($"/api/grid/rules/versions/{version.Version}", await ViewAsync(book, await book.VersionAsync(version.Version, ct), ct));
    }

    private static async Task<RulesView> ViewAsync(RuleBook book, DocumentInEffect<GridRules> rules, CancellationToken ct)
    {
        var v = await book.HeaderAsync(rules.Version, ct);
        return new RulesView(new VersionView(v.Version, v.EffectiveFrom, v.CreatedAt, v.CreatedBy, v.Note, v.Summary), rules.Document);
    }
}
