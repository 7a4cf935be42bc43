using Governance.Mediation.Bodies;
using Governance.Mediation.Data;
using Governance.Mediation.Privacy;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Mediation.Work;

/// <summary>Work on a case under <c>/api/mediation/cases/{id}</c>: suggestions, assignment, sessions, outcome, performance, follow-ups, judicial confirmation, the agreement PDF.</summary>
public static class WorkApi
{
    public static IServiceCollection AddMediationWork(this IServiceCollection services) =>
        services.AddScoped<CaseWork>().AddScoped<MediationSteps>().AddScoped<OutcomeSteps>().AddScoped<AfterOutcomeSteps>().AddScoped<AgreementDocuments>();

    public static IEndpointRouteBuilder MapMediationWorkApi(this IEndpointRouteBuilder app)
    {
        app.MapBodiesApi();
        var cases = app.MapGroup("/api/mediation/cases/{id:guid}");
        cases.MapGet("/suggested-mediators", Suggestions).ProducesRefusals(404);
        cases.MapPost("/assign", (HttpContext h, MediationSteps s, Guid id, AssignRequest r, CancellationToken ct) => View(s.AssignAsync(h.Caller(), id, r, ct))).ProducesRefusals(400, 404, 409);
        cases.MapPost("/sessions", async (HttpContext h, MediationSteps s, Guid id, SessionRequest r, CancellationToken ct) =>
        {
            var session = await s.AddSessionAsync(h.Caller(), id, r, ct);
            return TypedResults.Created($"/api/mediation/cases/{id}/sessions/{session.Id}", session);
        }).ProducesRefusals(400, 404, 409);
        cases.MapGet("/sessions", Sessions).ProducesRefusals(404);
        cases.MapPost("/outcome", (HttpContext h, OutcomeSteps s, Guid id, OutcomeRequest r, CancellationToken ct) => View(s.RecordAsync(h.Caller(), id, r, ct))).ProducesRefusals(400, 404, 409);
        cases.MapPost("/performance", (HttpContext h, AfterOutcomeSteps s, Guid id, PerformanceRequest r, CancellationToken ct) =>
            View(s.TrackPerformanceAsync(h.Caller(), id, r, ct))).ProducesRefusals(400, 404, 409);
        cases.MapPost("/follow-ups", (HttpContext h, AfterOutcomeSteps s, Guid id, FollowUpRequest r, CancellationToken ct) => View(s.FollowUpAsync(h.Caller(), id, r, ct))).ProducesRefusals(400, 404, 409);
        cases.MapPost("/judicial-confirmation", (HttpContext h, AfterOutcomeSteps s, Guid id, JudicialConfirmationRequestBody r, CancellationToken ct) =>
            View(s.RequestJudicialConfirmationAsync(h.Caller(), id, r, ct))).ProducesRefusals(400, 404, 409);
        cases.MapGet("/agreement", AgreementRecord).ProducesRefusals(404, 409);
        cases.MapGet("/agreement.pdf", Agreement).Produces(StatusCodes.Status200OK, typeof(Stream), "application/pdf").ProducesRefusals(404);
        return app;
    }

    private static async Task<Ok<List<SuggestionView>>> Suggestions(HttpContext http, CaseWork work, Guid id, CancellationToken ct)
    {
        var c = await work.LoadAsync(http.Caller(), id, "mediation.read", ct);
        return TypedResults.Ok(await MediatorSuggestions.ForAsync(work.Db, c, ct));
    }

    /// <summary>The sessions with their participants and minutes, which name people: the read is audited.</summary>
    private static async Task<Ok<List<MediationSession>>> Sessions(HttpContext http, CaseWork work, ReadAudit audit, Guid id, CancellationToken ct)
    {
        await work.LoadAsync(http.Caller(), id, "mediation.read", ct);
        var sessions = await work.Db.Set<MediationSession>().AsNoTracking().Where(s => s.CaseId == id).OrderBy(s => s.HeldAt).ToListAsync(ct);
        await audit.RecordAsync(http.Caller(), ReadKind.SessionMinutes, ReadChannel.Rest, id, ct);
        return TypedResults.Ok(sessions);
    }

    /// <summary>The agreement PDF, rendered once per version of the agreement and stored; it names the parties, so each download is audited.</summary>
    private static async Task<FileContentHttpResult> Agreement(HttpContext http, CaseWork work, AgreementDocuments documents, Guid id, CancellationToken ct)
    {
        var c = await work.LoadAsync(http.Caller(), id, "mediation.read", ct);
        var outcome = await work.Db.Set<CaseOutcome>().AsNoTracking().Include(o => o.Amounts).FirstOrDefaultAsync(o => o.CaseId == id, ct);
        if (outcome is null || outcome.Kind == OutcomeKind.Failed)
            throw DomainException.RuleViolated("AgreementPdfNeedsAnAgreement", $"Case {c.Number} has no mediation agreement to print.");
        var pdf = await documents.ReadAsync(http.Caller(), c, outcome, work.Now, ct);
        return TypedResults.File(pdf.Content, "application/pdf", $"{c.Number}-agreement-v{pdf.Version}.pdf");
    }

    /// <summary>The agreement as recorded, with each party's confirmation (party id, how, when, recorded by); no names.</summary>
    private static async Task<Ok<AgreementView>> AgreementRecord(HttpContext http, CaseWork work, MediationDb db, ReadAudit audit, Guid id, CancellationToken ct)
    {
        var c = await work.LoadAsync(http.Caller(), id, "mediation.read", ct);
        var outcome = await db.Set<CaseOutcome>().AsNoTracking().Include(o => o.Amounts).Include(o => o.Confirmations)
            .FirstOrDefaultAsync(o => o.CaseId == id, ct);
        if (outcome is null || outcome.Kind == OutcomeKind.Failed)
            throw DomainException.RuleViolated("AgreementNeedsAnAgreement", $"Case {c.Number} has no mediation agreement.");
        // The terms name the parties as a rule ("张三 pays 李四 ..."): audited as the PDF is.
        await audit.RecordAsync(http.Caller(), ReadKind.Agreement, ReadChannel.Rest, id, ct);
        return TypedResults.Ok(AgreementView.From(outcome));
    }

    private static async Task<Ok<CaseWorkView>> View(Task<Cases.DisputeCase> step) => TypedResults.Ok(CaseWorkView.From(await step));
}
