using Governance.Mediation.Cases;
using Governance.Mediation.Data;
using Governance.Mediation.Org;
using Governance.Mediation.Work;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Governance.Mediation.Bodies;

/// <summary>
/// Mediation bodies and their mediators under <c>/api/mediation/bodies</c>, and the expert pool.
/// Changing needs <c>mediation.manage</c> inside the body's org; reading needs <c>mediation.read</c>.
/// </summary>
public static class BodiesApi
{
    public sealed record CreateBodyRequest(string? Name, string? Kind, string? Specialty, string? Level, string? OrgPath);
    public sealed record AddMediatorRequest(string? Name, string? UserId, IReadOnlyList<string>? Specialties, bool? IsExpert);

    /// <summary>An industry committee's field (行业性专业性调解委员会).</summary>
    private static readonly string[] IndustrySpecialties = ["traffic", "medical", "labour", "property"];

    public static IEndpointRouteBuilder MapBodiesApi(this IEndpointRouteBuilder app)
    {
        var bodies = app.MapGroup("/api/mediation/bodies");
        bodies.MapPost("", Create).ProducesRefusals(400, 409);
        bodies.MapGet("", List).ProducesRefusals(400);
        bodies.MapGet("/{id:guid}", Get).ProducesRefusals(404);
        bodies.MapGet("/{id:guid}/mediators", (HttpContext h, MediationDb db, RolePermissions p, Guid id, CancellationToken ct) => Get(h, db, p, id, ct)).ProducesRefusals(404);
        bodies.MapPost("/{id:guid}/mediators", AddMediator).ProducesRefusals(400, 404, 409);
        bodies.MapPost("/{id:guid}/mediators/{mediatorId:guid}/deactivate", Deactivate).ProducesRefusals(400, 404, 409);
        app.MapGet("/api/mediation/experts", Experts).ProducesRefusals(400);
        return app;
    }

    private static async Task<Created<BodyView>> Create(HttpContext http, MediationDb db, RolePermissions permissions, CreateBodyRequest r, CancellationToken ct)
    {
        var org = BodyScope.ParseOrg(r.OrgPath, "orgPath");
        await permissions.EnsurePermittedAsync(http.Caller(), "mediation.manage", org, ct);
        await MediationOrgPaths.EnsureCurrentAsync(db, org.Value, "orgPath", ct);
        var kind = WorkNames.Parse<BodyKind>(r.Kind, "kind");
        var specialty = string.IsNullOrWhiteSpace(r.Specialty) ? "general" : r.Specialty.Trim().ToLowerInvariant();
        if (kind == BodyKind.IndustryCommittee && !IndustrySpecialties.Contains(specialty))
            throw DomainException.Invalid("specialty", $"An industry committee's specialty is one of: {string.Join(", ", IndustrySpecialties)}.");
        var body = new MediationBody
        {
            Name = Text(r.Name, "name", TextLimits.BodyName), Kind = kind, Specialty = Text(specialty, "specialty", TextLimits.Specialty),
            Level = WorkNames.Parse<MediationLevel>(r.Level, "level"), OrgPath = org.Value,
        };
        db.Bodies.Add(body);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/mediation/bodies/{body.Id}", BodyView.From(body, []));
    }

    /// <summary>Bodies inside the subtree of one of the caller's posts that carry <c>mediation.read</c>.</summary>
    private static async Task<Ok<List<BodyView>>> List(HttpContext http, MediationDb db, RolePermissions permissions, string? kind, string? level, CancellationToken ct)
    {
        var subtrees = await BodyScope.ReachOf(http.Caller(), permissions, "mediation.read", ct);
        var query = db.Bodies.AsNoTracking().WithinAnySubtree(subtrees, b => b.OrgPath);
        if (!string.IsNullOrEmpty(kind))
        {
            var k = WorkNames.Parse<BodyKind>(kind, "kind");
            query = query.Where(b => b.Kind == k);
        }
        if (!string.IsNullOrEmpty(level))
        {
            var l = WorkNames.Parse<MediationLevel>(level, "level");
            query = query.Where(b => b.Level == l);
        }
        var found = await query.OrderBy(b => b.OrgPath).ThenBy(b => b.Name).ToListAsync(ct);
        return TypedResults.Ok(found.Select(b => BodyView.From(b, [])).ToList());
    }

    private static async Task<Ok<BodyView>> Get(HttpContext http, MediationDb db, RolePermissions permissions, Guid id, CancellationToken ct)
    {
        var body = await VisibleAsync(http, db, permissions, "mediation.read", id, ct);
        var mediators = await db.Mediators.AsNoTracking().Where(m => m.BodyId == id).OrderBy(m => m.Name).ToListAsync(ct);
        var loads = await MediatorLoad.OfAsync(db, mediators.Select(m => m.Id), ct);
        return TypedResults.Ok(BodyView.From(body, mediators.Select(m => MediatorView.From(m, loads.GetValueOrDefault(m.Id))).ToList()));
    }

    private static async Task<Created<MediatorView>> AddMediator(HttpContext http, MediationDb db, RolePermissions permissions, Guid id, AddMediatorRequest r, CancellationToken ct)
    {
        var body = await VisibleAsync(http, db, permissions, "mediation.manage", id, ct);
        if (!body.Active)
            throw DomainException.RuleViolated("InactiveBodyTakesNoMediators", $"Body '{body.Name}' is inactive and takes no new mediators.");
        var specialties = (r.Specialties ?? []).Select(s => s.Trim().ToLowerInvariant()).Where(s => s.Length > 0).Distinct().ToList();
        if (specialties.Count == 0 || specialties.Any(s => s.Contains(' ', StringComparison.Ordinal)))
            throw DomainException.Invalid("specialties", "Name at least one specialty, each one word (e.g. 'neighbour', 'traffic_accident').");
        var mediator = new Mediator
        {
            BodyId = body.Id, Name = Text(r.Name, "name", TextLimits.MediatorPersonName), UserId = TextLimits.Optional(r.UserId, "userId", TextLimits.UserId),
            Specialties = Text(string.Join(' ', specialties), "specialties", TextLimits.Specialties), IsExpert = r.IsExpert ?? false,
        };
        db.Mediators.Add(mediator);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/mediation/bodies/{body.Id}/mediators/{mediator.Id}", MediatorView.From(mediator, 0));
    }

    private static async Task<Ok<MediatorView>> Deactivate(HttpContext http, MediationDb db, RolePermissions permissions, Guid id, Guid mediatorId, CancellationToken ct)
    {
        await VisibleAsync(http, db, permissions, "mediation.manage", id, ct);
        var mediator = await db.Mediators.FirstOrDefaultAsync(m => m.Id == mediatorId && m.BodyId == id, ct)
            ?? throw DomainException.NotFound($"No mediator {mediatorId} in body {id}.");
        var load = (await MediatorLoad.OfAsync(db, [mediator.Id], ct)).GetValueOrDefault(mediator.Id);
        if (load > 0)
            throw DomainException.RuleViolated("MediatorWithOpenCasesStaysActive",
                $"Mediator {mediator.Name} still has {load} open case(s); reassign them before deactivating.");
        mediator.Active = false;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(MediatorView.From(mediator, 0));
    }

    /// <summary>
    /// The expert pool the caller can draw on: active experts of active bodies at the node of one of the
    /// caller's posts that carry <c>mediation.read</c>, above it or below it.
    /// </summary>
    private static async Task<Ok<List<MediatorView>>> Experts(HttpContext http, MediationDb db, RolePermissions permissions, string? specialty, CancellationToken ct)
    {
        var subtrees = await BodyScope.ReachOf(http.Caller(), permissions, "mediation.read", ct);
        var above = subtrees.SelectMany(org => BodyScope.SelfAndAncestors(org.Value)).Distinct().ToList();
        var bodies = await db.Bodies.AsNoTracking().Where(b => b.Active && above.Contains(b.OrgPath)).Select(b => b.Id).ToListAsync(ct);
        bodies.AddRange(await db.Bodies.AsNoTracking().Where(b => b.Active).WithinAnySubtree(subtrees, b => b.OrgPath).Select(b => b.Id).ToListAsync(ct));
        var experts = await db.Mediators.AsNoTracking()
            .Where(m => m.IsExpert && m.Active && bodies.Contains(m.BodyId))
            .ToListAsync(ct);
        if (!string.IsNullOrWhiteSpace(specialty))
            experts = experts.Where(m => m.Specialties.Split(' ').Contains(specialty.Trim().ToLowerInvariant())).ToList();
        var loads = await MediatorLoad.OfAsync(db, experts.Select(m => m.Id), ct);
        return TypedResults.Ok(experts.Select(m => MediatorView.From(m, loads.GetValueOrDefault(m.Id)))
            .OrderBy(v => v.Load).ThenBy(v => v.Name, StringComparer.Ordinal).ToList());
    }

    /// <summary>A body the caller may act on with <paramref name="permission"/>; otherwise it reads as absent (or forbidden when the role is missing).</summary>
    private static async Task<MediationBody> VisibleAsync(HttpContext http, MediationDb db, RolePermissions permissions, string permission, Guid id, CancellationToken ct)
    {
        var caller = http.Caller();
        var body = await db.Bodies.FirstOrDefaultAsync(b => b.Id == id, ct);
        if (body is null || !caller.MayActOn(OrgPath.Parse(body.OrgPath)))
            throw DomainException.NotFound($"No mediation body {id} within your reach.");
        await permissions.EnsurePermittedAsync(caller, permission, OrgPath.Parse(body.OrgPath), ct);
        return body;
    }

    private static string Text(string? value, string field, int max) =>
        string.IsNullOrWhiteSpace(value) ? throw DomainException.Invalid(field, $"'{field}' is required.")
        : value.Trim().Length > max ? throw DomainException.Invalid(field, $"'{field}' must be at most {max} characters.")
        : value.Trim();
}
