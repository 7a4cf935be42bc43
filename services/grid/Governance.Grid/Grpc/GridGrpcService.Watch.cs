using Governance.Contracts.Grid.V1;
using Governance.Grid.Incidents;
using Governance.ServiceDefaults.Auth;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Governance.Grid.Grpc.GridProto;

namespace Governance.Grid.Grpc;

public sealed partial class GridGrpcService
{
    // Dispatches already sent on this watch, by (incident, rework): the snapshot and the live feed
    // overlap, and the bus delivers at least once. Bounded: only recent repeats are possible.
    private const int Remembered = 1024;

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
            var current = await db.Incidents.AsNoTracking()
                .Where(i => i.DepartmentId == department && i.State == IncidentState.Dispatched).OrderBy(i => i.Number).ToListAsync(ct);
            foreach (var incident in current)
            {
                Remember((incident.Id, incident.Reworks));
                await responseStream.WriteAsync(new DispatchedIncident { Incident = ToProto(incident), Live = false }, ct);
            }
            await foreach (var dispatched in subscription.Reader.ReadAllAsync(ct))
            {
                if (!Remember((dispatched.IncidentId, dispatched.Rework))) continue;
                var incident = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == dispatched.IncidentId, ct);
                // Sent as it is now; gone or re-dispatched elsewhere since, it is no longer this department's.
                if (incident is null || incident.DepartmentId != department) continue;
                await responseStream.WriteAsync(new DispatchedIncident { Incident = ToProto(incident), Live = true }, ct);
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
}
