using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Governance.VideoAlert.Alarms;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.VideoAlert.Alerts;

/// <summary>The console's REST API for alerts: the list (newest latest alarm first), one with its latest alarms, acknowledging.</summary>
public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup("/api/videoalert/alerts");
        alerts.MapGet("", List).ProducesRefusals(400);
        alerts.MapGet("/{id:guid}", Get).ProducesRefusals(404);
        alerts.MapPost("/{id:guid}/acknowledge", Acknowledge).ProducesRefusals(400, 403, 404, 409);
        return app;
    }

    /// <summary>The alerts in the caller's reach; <c>org</c>, <c>status</c> (open, routed, acknowledged) and <c>kind</c> narrow it.</summary>
    private static async Task<Ok<IReadOnlyList<AlertView>>> List(HttpContext http, AlertReads alerts, string? org, string? status, string? kind,
        int? limit, int? offset, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<AlertView>>((await alerts.ListAsync(http.Caller(), new AlertFilter(org, status, kind), limit ?? 50, offset ?? 0, ct))
            .Select(AlertView.Of).ToList());

    private static async Task<Ok<AlertDetailView>> Get(HttpContext http, AlertReads alerts, Guid id, CancellationToken ct)
    {
        var (alert, alarms) = await alerts.GetAsync(http.Caller(), id, ct);
        return TypedResults.Ok(new AlertDetailView(AlertView.Of(alert), alarms.Select(AlarmView.Of).ToList()));
    }

    private static async Task<Ok<AlertView>> Acknowledge(HttpContext http, AlertAcknowledgment acknowledgment, Guid id, AcknowledgeRequest request, CancellationToken ct) =>
        TypedResults.Ok(AlertView.Of(await acknowledgment.AcknowledgeAsync(http.Caller(), id, request.Version, ct)));
}
