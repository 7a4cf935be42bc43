using Governance.Mediation.Data;
using Governance.Mediation.Levels;
using Governance.Mediation.Privacy;
using Governance.Mediation.Referrals;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Governance.Mediation.Cases;

/// <summary>The console's REST API for dispute cases, under <c>/api/mediation/cases</c>.</summary>
public static class CasesApi
{
    public sealed record ReasonRequest(string? Reason);
    public sealed record ReferRequest(Guid? ToBodyId, string? Reason);
    public sealed record NoteRequest(string? Note);

    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/mediation/cases");
        cases.MapPost("", Register).ProducesRefusals(400, 409);
        cases.MapGet("", List).ProducesRefusals(400);
        cases.MapGet("/{id:guid}", Get).ProducesRefusals(404);
        cases.MapGet("/{id:guid}/history", History).ProducesRefusals(404);
        cases.MapPost("/{id:guid}/escalate", (HttpContext h, CaseEscalation e, Guid id, ReasonRequest r, CancellationToken ct) =>
            View(e.EscalateAsync(h.Caller(), id, r.Reason, ct))).ProducesRefusals(400, 404, 409);
        cases.MapPost("/{id:guid}/refer", (HttpContext h, CaseReferrals c, Guid id, ReferRequest r, CancellationToken ct) =>
            View(c.ReferAsync(h.Caller(), id, r.ToBodyId, r.Reason, ct))).ProducesRefusals(400, 404, 409);
        cases.MapPost("/{id:guid}/acknowledge", (HttpContext h, CaseReferrals c, Guid id, NoteRequest r, CancellationToken ct) =>
            View(c.AcknowledgeAsync(h.Caller(), id, r.Note, ct))).ProducesRefusals(400, 404, 409);
        return app;
    }

    private static async Task<Created<CaseView>> Register(HttpContext http, CaseIntake intake, CaseRequest request, CancellationToken ct)
    {
        var dispute = await intake.RegisterAsync(http.Caller(), request, ct);
        return TypedResults.Created($"/api/mediation/cases/{dispute.Id}", CaseView.From(dispute));
    }

    /// <summary>
    /// Cases lying in, or mediated within, the subtree of one of the caller's posts that carry <c>mediation.read</c>; newest first; no parties.
    /// The console's queue narrows it by state, level (where the case is mediated now) and category; each an exact snake_case name.
    /// </summary>
    private static async Task<Ok<List<CaseView>>> List(HttpContext http, MediationDb db, RolePermissions permissions, string? state, string? level,
        string? category, int? limit, CancellationToken ct)
    {
        var subtrees = await permissions.PermittedSubtreesAsync(http.Caller(), "mediation.read", ct);
        if (subtrees.Count == 0) return TypedResults.Ok(new List<CaseView>());
        var query = db.Cases.AsNoTracking().WithinAnySubtree(subtrees, c => c.OrgPath, c => c.ResponsibleOrgPath);
        if (!string.IsNullOrEmpty(state))
        {
            var s = CaseNames.Parse<CaseState>(state) ?? throw DomainException.Invalid("state", "Unknown state.");
            query = query.Where(c => c.State == s);
        }
        if (!string.IsNullOrEmpty(level))
        {
            var l = CaseNames.Parse<MediationLevel>(level) ?? throw DomainException.Invalid("level", "Unknown level: grid, community, street or county.");
            query = query.Where(c => c.Level == l);
        }
        if (!string.IsNullOrEmpty(category))
        {
            var k = CaseNames.Parse<DisputeCategory>(category) ?? throw DomainException.Invalid("category",
                "Give the category: neighbour, family_and_marriage, land_and_property, labour_and_wages, property_management, traffic_accident, medical, consumer, contract or other.");
            query = query.Where(c => c.Category == k);
        }
        var found = await query.OrderByDescending(c => c.CreatedAt).Take(Math.Clamp(limit ?? 50, 1, 500)).ToListAsync(ct);
        return TypedResults.Ok(found.Select(CaseView.From).ToList());
    }

    /// <summary>
    /// One case with its parties: names, and contacts masked (<see cref="ContactMask"/>); the contact in clear
    /// is revealed one party at a time (<see cref="ContactReveal"/>). The read is audited (who, when, which case).
    /// </summary>
    private static async Task<Ok<CaseDetailView>> Get(HttpContext http, MediationDb db, RolePermissions permissions, ContactCipher cipher, ReadAudit audit,
        Guid id, CancellationToken ct)
    {
        var dispute = await VisibleAsync(http, db, permissions, id, ct);
        var parties = await db.Parties.AsNoTracking().Where(p => p.CaseId == id).OrderBy(p => p.Id).ToListAsync(ct);
        await audit.RecordAsync(http.Caller(), ReadKind.Case, ReadChannel.Rest, id, ct);
        return TypedResults.Ok(new CaseDetailView(CaseView.From(dispute), parties.Select(p => new PartyView(p.Id, CaseNames.Of(p.Kind), p.Role, p.Name,
            p.EncryptedContact is null ? null : ContactMask.Mask(cipher.Unprotect(p.Id, p.EncryptedContact)))).ToList()));
    }

    private static async Task<Ok<List<StepView>>> History(HttpContext http, MediationDb db, RolePermissions permissions, Guid id, CancellationToken ct)
    {
        await VisibleAsync(http, db, permissions, id, ct);
        var steps = await db.CaseSteps.AsNoTracking().Where(s => s.CaseId == id).OrderBy(s => s.Id).ToListAsync(ct);
        return TypedResults.Ok(steps.Select(StepView.From).ToList());
    }

    /// <summary>A case the caller may read: lying in their subtree or mediated within it. Otherwise it reads as absent.</summary>
    internal static async Task<DisputeCase> VisibleAsync(HttpContext http, MediationDb db, RolePermissions permissions, Guid id, CancellationToken ct)
    {
        var caller = http.Caller();
        var dispute = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        var visible = dispute is not null && (await permissions.IsPermittedAsync(caller, "mediation.read", OrgPath.Parse(dispute.OrgPath), ct)
            || await permissions.IsPermittedAsync(caller, "mediation.read", OrgPath.Parse(dispute.ResponsibleOrgPath), ct));
        return visible ? dispute! : throw DomainException.NotFound($"No dispute case {id} within your reach.");
    }

    private static async Task<Ok<CaseView>> View(Task<DisputeCase> step) => TypedResults.Ok(CaseView.From(await step));
}
