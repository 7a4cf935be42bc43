using Governance.Contracts.Grid.V1;
using Governance.Grid.Dispatch;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Governance.Grid.Grpc.GridProto;

namespace Governance.Grid.Grpc;

public sealed partial class GridGrpcService
{
    private const int MaxIncidentsPerCall = 200;

    /// <summary>
    /// Incidents by id for services that keep a copy (search). The same reach as reading one (in the caller's subtree,
    /// or led or assisted by their department); the rest are left out, never told apart from unknown ids.
    /// </summary>
    public override async Task<GetIncidentsResponse> GetIncidents(GetIncidentsRequest request, ServerCallContext context)
    {
        if (request.IncidentIds.Count > MaxIncidentsPerCall)
            throw DomainException.Invalid("incident_ids", $"At most {MaxIncidentsPerCall} incident ids in one call; {request.IncidentIds.Count} were sent.");
        var ids = request.IncidentIds.Select(IncidentId).Distinct().ToList();
        var ct = context.CancellationToken;
        var caller = context.GetHttpContext().Caller();
        var reply = new GetIncidentsResponse();
        if (!await permissions.PermitsAsync(caller.Roles, "incident.read", ct))
            throw DomainException.Forbidden("This needs the permission 'incident.read', which none of your roles carries.");
        if (ids.Count == 0) return reply;
        var incidents = await db.Incidents.AsNoTracking().Where(i => ids.Contains(i.Id)).ToListAsync(ct);
        foreach (var incident in incidents)
            if (await permissions.IsPermittedAsync(caller, "incident.read", OrgPath.Parse(incident.OrgPath), ct)
                || (caller.Department is { } department && await AssignedIncidents.IsLedOrAssistedByAsync(db, incident.Id, department, ct)))
                reply.Incidents.Add(ToProto(incident));
        return reply;
    }
}
