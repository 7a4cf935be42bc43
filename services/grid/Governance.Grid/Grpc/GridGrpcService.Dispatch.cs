using Governance.Contracts.Grid.V1;
using Governance.Grid.Dispatch;
using Governance.Grid.Incidents;
using Governance.ServiceDefaults.Auth;
using Grpc.Core;
using static Governance.Grid.Grpc.GridProto;
using Incident = Governance.Contracts.Grid.V1.Incident;

namespace Governance.Grid.Grpc;

// The centre's dispatch and re-dispatch (改派), the department's return (退单) and the parts of a
// dispatch, with the REST API's rules (DepartmentSteps).
public sealed partial class GridGrpcService
{
    public override async Task<Incident> DispatchIncident(DispatchIncidentRequest request, ServerCallContext context) =>
        ToProto(await departments.DispatchAsync(context.GetHttpContext().Caller(), IncidentId(request.IncidentId), Order(request), context.CancellationToken));

    public override async Task<Incident> RedispatchIncident(DispatchIncidentRequest request, ServerCallContext context) =>
        ToProto(await departments.RedispatchAsync(context.GetHttpContext().Caller(), IncidentId(request.IncidentId), Order(request), context.CancellationToken));

    public override async Task<Incident> ReturnIncident(ReturnIncidentRequest request, ServerCallContext context) =>
        ToProto(await departments.ReturnAsync(context.GetHttpContext().Caller(), IncidentId(request.IncidentId), request.Reason, context.CancellationToken));

    public override async Task<ListIncidentPartsResponse> ListIncidentParts(ListIncidentPartsRequest request, ServerCallContext context)
    {
        var id = IncidentId(request.IncidentId);
        await IncidentsApi.VisibleAsync(context.GetHttpContext(), db, permissions, id, context.CancellationToken);
        var reply = new ListIncidentPartsResponse();
        reply.Parts.AddRange((await DispatchApi.PartsOfAsync(db, id, context.CancellationToken)).Select(ToProto));
        return reply;
    }

    private static DispatchOrder Order(DispatchIncidentRequest request) =>
        new(Empty(request.DepartmentId), [.. request.AssistingDepartmentIds], Empty(request.HandlerId), Empty(request.Note));
}
