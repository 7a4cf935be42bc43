using Governance.Contracts.Grid.V1;
using Governance.Grpc.Server;
using Governance.Grpc.Status;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Routing;
using Incident = Governance.Contracts.Grid.V1.Incident;

namespace Governance.Grid.Grpc;

public static class GridGrpcExtensions
{
    /// <summary>Maps <c>governance.grid.v1.GridService</c>; every rpc needs a bearer token (the layer's default).</summary>
    public static IEndpointRouteBuilder MapGridGrpcService(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<GridGrpcService>(GridReflection.Descriptor.Services[0], s => s
            .Unary<LocateGridRequest, GridLocation>("LocateGrid", (svc, req, ctx) => svc.LocateGrid(req, ctx))
            .Unary<GetGridRequest, Contracts.Grid.V1.Grid>("GetGrid", (svc, req, ctx) => svc.GetGrid(req, ctx))
            .Unary<ReportIncidentRequest, ReportIncidentResponse>("ReportIncident", (svc, req, ctx) => svc.ReportIncident(req, ctx))
            .Unary<ListAssignedIncidentsRequest, ListAssignedIncidentsResponse>("ListAssignedIncidents", (svc, req, ctx) => svc.ListAssignedIncidents(req, ctx))
            .Unary<AcceptIncidentRequest, Incident>("AcceptIncident", (svc, req, ctx) => NamingTheRule(svc.AcceptIncident(req, ctx)))
            .Unary<SubmitFeedbackRequest, Incident>("SubmitFeedback", (svc, req, ctx) => NamingTheRule(svc.SubmitFeedback(req, ctx)))
            .Unary<RequestExtensionRequest, Incident>("RequestExtension", (svc, req, ctx) => NamingTheRule(svc.RequestExtension(req, ctx)))
            .Unary<GetTimelineRequest, GetTimelineResponse>("GetTimeline", (svc, req, ctx) => svc.GetTimeline(req, ctx))
            .ServerStreaming<WatchDispatchedRequest, DispatchedIncident>("WatchDispatched", (svc, req, writer, ctx) => svc.WatchDispatched(req, writer, ctx)));
        return app;
    }

    /// <summary>
    /// A refused step answers FAILED_PRECONDITION as the layer maps it, with the rule's name in front of
    /// its message ("AcceptNeedsDispatchedIncident: Only a dispatched incident ..."): gRPC has no
    /// problem-details body to carry the rule as REST does.
    /// </summary>
    private static async Task<T> NamingTheRule<T>(Task<T> step)
    {
        try
        {
            return await step;
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.RuleViolated && e.Rule is not null)
        {
            throw new RpcException(StatusCode.FailedPrecondition, $"{e.Rule}: {e.Message}");
        }
    }
}
