using Governance.Population.Access;
using Governance.Population.Data;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Governance.Population.Care;

/// <summary>
/// Care cases under <c>/api/population/care</c>. A case's content answers its assigned worker only; to anyone else
/// it is absent (404), on the list too. Every read takes <c>purpose</c> (+ <c>purposeNote</c>): without one, 400.
/// </summary>
public static class CareApi
{
    public static IEndpointRouteBuilder MapCareApi(this IEndpointRouteBuilder app)
    {
        var care = app.MapGroup("/api/population/care");
        care.MapPost("/cases", Open).ProducesRefusals(400, 403, 409);
        care.MapPut("/cases/{id:guid}/worker", Reassign).ProducesRefusals(400, 404, 409);
        care.MapGet("/cases", List).ProducesRefusals(400);
        care.MapGet("/cases/{id:guid}", Get).ProducesRefusals(400, 404);
        care.MapPost("/cases/{id:guid}/visits", RecordVisit).ProducesRefusals(400, 404, 409);
        care.MapPut("/cases/{id:guid}/plan", Plan).ProducesRefusals(400, 404, 409);
        care.MapPost("/cases/{id:guid}/close", Close).ProducesRefusals(400, 404, 409);
        care.MapGet("/arrivals", Arrivals).ProducesRefusals(400, 403);
        care.MapGet("/visits/due", Due).ProducesRefusals(400);
        care.MapGet("/figures", Figures).ProducesRefusals(400);
        care.MapGet("/figures/visits", VisitFigures).ProducesRefusals(400);
        care.MapGet("/reads", Reads).ProducesRefusals(400);
        return app;
    }

    /// <summary>Opens a case and assigns its worker (care-case.assign over the person's org); answers the case id and the assignment only.</summary>
    private static async Task<Created<AssignmentView>> Open(HttpContext http, CareAssigning assigning, OpenCaseRequest request, CancellationToken ct)
    {
        var assignment = await assigning.OpenAsync(http.Caller(), request, ct);
        return TypedResults.Created($"/api/population/care/cases/{assignment.CaseId}", assignment);
    }

    /// <summary>Hands the case to another worker (care-case.assign over its org), at once.</summary>
    private static async Task<Ok<AssignmentView>> Reassign(HttpContext http, CareAssigning assigning, Guid id, ReassignRequest request, CancellationToken ct) =>
        TypedResults.Ok(await assigning.ReassignAsync(http.Caller(), id, request, ct));

    /// <summary>The caller's own cases (open, or closed with <c>closed=true</c>); each read logged with its purpose.</summary>
    private static async Task<Ok<IReadOnlyList<CaseSummaryView>>> List(HttpContext http, CareWork work, bool? closed, int? limit, int? offset,
        string? purpose, string? purposeNote, CancellationToken ct) =>
        TypedResults.Ok(await work.ListAsync(Reading(http, purpose, purposeNote), closed ?? false, limit ?? 50, offset ?? 0, ct));

    /// <summary>One case with its visits and assignments, for its worker; the read logged with its purpose.</summary>
    private static async Task<Ok<CaseView>> Get(HttpContext http, CareWork work, Guid id, string? purpose, string? purposeNote, CancellationToken ct) =>
        TypedResults.Ok(await work.GetAsync(Reading(http, purpose, purposeNote), id, ct));

    /// <summary>Records a visit (the case's worker); the same requestId again answers the visit already recorded.</summary>
    private static async Task<Ok<RecordedVisitView>> RecordVisit(HttpContext http, CareWork work, Guid id, VisitRequest request, CancellationToken ct) =>
        TypedResults.Ok(await work.RecordVisitAsync(http.Caller(), id, request, ct));

    private static async Task<Ok<CaseStateView>> Plan(HttpContext http, CareWork work, Guid id, PlanRequest request, CancellationToken ct) =>
        TypedResults.Ok(await work.PlanAsync(http.Caller(), id, request, ct));

    /// <summary>Closes the case (its worker), with a reason.</summary>
    private static async Task<Ok<CaseStateView>> Close(HttpContext http, CareWork work, Guid id, CloseCaseRequest request, CancellationToken ct) =>
        TypedResults.Ok(await work.CloseAsync(http.Caller(), id, request, ct));

    /// <summary>Cases that came with their person from another community, awaiting a worker here (care-case.assign); each shown logged with its purpose.</summary>
    private static async Task<Ok<IReadOnlyList<ArrivalView>>> Arrivals(HttpContext http, CareAssigning assigning, string? org, string? purpose,
        string? purposeNote, CancellationToken ct) =>
        TypedResults.Ok(await assigning.ArrivalsAsync(Reading(http, purpose, purposeNote), org, ct));

    /// <summary>The caller's visits due within <c>within</c> days (7 by default), overdue first.</summary>
    private static async Task<Ok<IReadOnlyList<CaseSummaryView>>> Due(HttpContext http, CareWork work, int? within, string? purpose, string? purposeNote,
        CancellationToken ct) =>
        TypedResults.Ok(await work.DueAsync(Reading(http, purpose, purposeNote), within ?? 7, ct));

    /// <summary>Open cases per community and category (care-case.figures), small counts withheld.</summary>
    private static async Task<Ok<IReadOnlyList<CareFigureView>>> Figures(HttpContext http, CareFigures figures, string? org, CancellationToken ct) =>
        TypedResults.Ok(await figures.CountAsync(http.Caller(), org, ct));

    /// <summary>Care visits due in a <c>month</c> (yyyy-MM) per community: on time, late, not made (care-case.figures); small counts withheld.</summary>
    private static async Task<Ok<IReadOnlyList<CareVisitFigureView>>> VisitFigures(HttpContext http, CareVisitFigures figures, string? org, string? month,
        CancellationToken ct) =>
        TypedResults.Ok(await figures.CountAsync(http.Caller(), org, month, ct));

    /// <summary>The reads of care cases within the auditor's subtree (care-case.audit), newest first; <c>before</c> is the last id of the previous page.</summary>
    private static async Task<Ok<List<CareCaseReadView>>> Reads(HttpContext http, PopulationDb db, RolePermissions permissions,
        Guid? @case, string? reader, DateTime? from, DateTime? to, int? limit, long? before, CancellationToken ct)
    {
        var size = limit ?? 100;
        if (size is < 1 or > 1000) throw DomainException.Invalid("limit", "The limit must be 1 to 1000.");
        var subtrees = await permissions.PermittedSubtreesAsync(http.Caller(), CarePermissions.Audit, ct);
        var query = db.CareCaseReads.AsNoTracking().WithinAnySubtree(subtrees, r => r.OrgPath);
        if (@case is { } c) query = query.Where(r => r.CaseId == c);
        if (!string.IsNullOrEmpty(reader)) query = query.Where(r => r.Reader == reader);
        if (from is { } f) query = query.Where(r => r.At >= f.ToUniversalTime());
        if (to is { } t) query = query.Where(r => r.At < t.ToUniversalTime());
        if (before is { } b) query = query.Where(r => r.Id < b);
        var rows = await query.OrderByDescending(r => r.Id).Take(size).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(r => new CareCaseReadView(r.Id, r.CaseId, r.OrgPath, r.Reader, r.ReaderClient, r.At, r.Action,
            r.Fields.Split(','), r.Purpose, r.PurposeNote)).ToList());
    }

    private static CareWork.Reading Reading(HttpContext http, string? purpose, string? note) =>
        new(http.Caller(), AccessPurposes.Check(purpose, note, required: true)!);
}
