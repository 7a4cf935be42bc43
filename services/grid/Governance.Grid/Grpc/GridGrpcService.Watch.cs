using Governance.Contracts.Grid.V1;
using Governance.Grid.Dispatch;
using Governance.Grid.Incidents;
using Governance.ServiceDefaults.Auth;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Governance.Grid.Grpc.GridProto;

namespace Governance.Grid.Grpc;

public sealed partial class GridGrpcService
{
    // Dispatches already sent on this watch, by (incident, round): the snapshot and the live feed
    // overlap, and the bus delivers at least once. Bounded: only recent repeats are possible.
    private const int Remembered = 1024;

    // An assisting part of an incident that ended meanwhile (merged, closed, …) is no longer anything to start on.
    private static readonly IncidentState[] Ended =
        [IncidentState.Rejected, IncidentState.Closed, IncidentState.Evaluated, IncidentState.Merged, IncidentState.HandedOver];

    public override async Task WatchDispatched(WatchDispatchedRequest request, IServerStreamWriter<DispatchedIncident> responseStream, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var department = await DepartmentAsync(context.GetHttpContext().Caller(), ct);
        // Subscribed before reading what is dispatched now, so that a dispatch committed in between is not missed.
        using var subscription = fanOut.Subscribe(department);
        var sent = new HashSet<(Guid, int)>();
        var order = new Queue<(Guid, int)>();
        bool Remember((Guid, int) key)
        {
            if (!sent.Add(key)) return false;
            order.Enqueue(key);
            if (order.Count > Remembered) sent.Remove(order.Dequeue());
            return true;
        }

        try
        {
            // The department's parts not yet accepted: as lead while the incident waits for it, as assisting while the part does.
            var current = await (from p in db.IncidentParts.AsNoTracking()
                                 join i in db.Incidents.AsNoTracking() on p.IncidentId equals i.Id
                                 where p.DepartmentId == department && p.State == PartState.Dispatched && !Ended.Contains(i.State)
                                     && (p.Role == PartRole.Assisting || (i.DepartmentId == department && i.State == IncidentState.Dispatched))
                                 select new { Incident = i, p.Round, p.Role }).ToListAsync(ct);
            foreach (var c in current.OrderBy(c => c.Incident.Number, StringComparer.Ordinal))
            {
                Remember((c.Incident.Id, c.Round));
                await responseStream.WriteAsync(new DispatchedIncident { Incident = ToProto(c.Incident), Live = false, Role = RoleName(c.Role) }, ct);
            }
            await foreach (var dispatched in subscription.Reader.ReadAllAsync(ct))
            {
                if (!Remember((dispatched.IncidentId, dispatched.Round))) continue;
                var role = dispatched.DepartmentId == department ? PartRole.Lead : PartRole.Assisting;
                var incident = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == dispatched.IncidentId, ct);
                // Sent as it is now; gone, returned or re-dispatched elsewhere since, it is no longer this department's.
                if (incident is null) continue;
                if (role == PartRole.Lead ? incident.DepartmentId != department
                    : !await db.IncidentParts.AnyAsync(p => p.IncidentId == incident.Id && p.DepartmentId == department && p.Round == dispatched.Round
                        && p.Role == PartRole.Assisting && p.State != PartState.Withdrawn && p.State != PartState.Returned, ct))
                    continue;
                await responseStream.WriteAsync(new DispatchedIncident { Incident = ToProto(incident), Live = true, Role = RoleName(role) }, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The caller cancelled or the deadline passed: the watch simply ends.
        }
        catch (WatchOverflowException e)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, e.Message));
        }
    }

    private static string RoleName(PartRole role) => role.ToString().ToLowerInvariant();
}
