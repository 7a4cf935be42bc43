using Governance.Contracts.VideoAlert.V1;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Grpc.Core;
using static Governance.VideoAlert.Grpc.VideoAlertProto;

namespace Governance.VideoAlert.Grpc;

public sealed partial class VideoAlertGrpcService
{
    // Versions already sent on this watch, by alert: the bus delivers at least once, and two events of one alert read
    // after both committed find the same version. Bounded: only recent repeats are possible.
    private const int Remembered = 1024;

    /// <summary>The response header a watch answers once it is subscribed (the .proto's WatchAlerts says so).</summary>
    public const string SubscribedHeader = "watch-subscribed";

    public override async Task WatchAlerts(WatchAlertsRequest request, IServerStreamWriter<AlertUpdate> responseStream, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        using var subscription = await SubscribeAsync(request, context.GetHttpContext().Caller(), ct);
        // The response headers go out as soon as the watch is subscribed, not with its first alert, marked so (a refusal's
        // headers lack the mark): a caller that awaits them knows from when on nothing is missed, so the ListAlerts it then
        // reads to catch up leaves no gap.
        await context.WriteResponseHeadersAsync(new Metadata { { SubscribedHeader, "true" } });
        var sent = new HashSet<(Guid, int)>();
        var order = new Queue<(Guid, int)>();
        try
        {
            await foreach (var change in subscription.Reader.ReadAllAsync(ct))
            {
                var key = (change.Alert.Id, change.Alert.Version);
                if (!sent.Add(key)) continue;
                order.Enqueue(key);
                if (order.Count > Remembered) sent.Remove(order.Dequeue());
                await responseStream.WriteAsync(new AlertUpdate { Alert = ToProto(change.Alert), Change = change.Change }, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The caller cancelled, the deadline passed or the token expired: the watch simply ends.
        }
        catch (AlertWatchOverflowException e)
        {
            throw new RpcException(new global::Grpc.Core.Status(StatusCode.ResourceExhausted, e.Message));
        }
    }

    /// <summary>
    /// An org the caller's alert.read reaches (a post whose subtree holds it, so every alert within it is readable), or
    /// the caller's department with a role carrying alert.department.read.
    /// </summary>
    private async Task<AlertFanOut.Subscription> SubscribeAsync(WatchAlertsRequest request, Caller caller, CancellationToken ct)
    {
        if ((request.OrgPath.Length > 0) == request.MyDepartment)
            throw DomainException.Invalid("org_path", "Give either an org_path or my_department, not both and not neither.");
        if (request.MyDepartment)
        {
            if (!await permissions.PermitsAsync(caller.Roles, VideoAlertPermissions.AlertDepartmentRead, ct))
                throw DomainException.Forbidden($"This needs the permission '{VideoAlertPermissions.AlertDepartmentRead}', which none of your roles carries.");
            return fanOut.SubscribeDepartment(caller.Department
                ?? throw DomainException.Forbidden("Your token names no department (dept), so no alert is routed to you."));
        }
        var org = Org(request.OrgPath)!;
        await permissions.EnsurePermittedAsync(caller, VideoAlertPermissions.AlertRead, org, ct);
        return fanOut.SubscribeOrg(org);
    }
}
