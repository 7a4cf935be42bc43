using Governance.Contracts.VideoAlert.V1;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Data;
using Governance.VideoAlert.Devices;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Governance.VideoAlert.Grpc.VideoAlertProto;
using Alert = Governance.Contracts.VideoAlert.V1.Alert;
using Camera = Governance.Contracts.VideoAlert.V1.Camera;

namespace Governance.VideoAlert.Grpc;

/// <summary>
/// <c>governance.videoalert.v1.VideoAlertService</c> for departments' systems: cameras and alerts within the caller's
/// reach (camera.read, alert.read over each record's org; out of reach reads as absent), acknowledging through
/// <see cref="AlertAcknowledgment"/>, and the alert watch (<c>VideoAlertGrpcService.Watch.cs</c>). Refusals are
/// <see cref="DomainException"/>s, which the platform's DomainStatusInterceptor maps to statuses (rule names first).
/// </summary>
public sealed partial class VideoAlertGrpcService(
    VideoAlertDb db, RolePermissions permissions, CameraRegistry cameras, AlertReads reads, AlertAcknowledgment acknowledgment, AlertFanOut fanOut)
    : VideoAlertService.VideoAlertServiceBase
{
    public override async Task<ListCamerasResponse> ListCameras(ListCamerasRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var (size, offset, org) = (PageSize(request.PageSize), Offset(request.PageToken), Org(request.OrgPath));
        var subtrees = await permissions.PermittedSubtreesAsync(context.GetHttpContext().Caller(), VideoAlertPermissions.CameraRead, ct);
        var query = db.Cameras.AsNoTracking().WithinAnySubtree(subtrees, c => c.OrgPath);
        if (org is not null) query = query.WithinSubtree(c => c.OrgPath, org.Value);
        var page = await query.OrderBy(c => c.OrgPath).ThenBy(c => c.DeviceId).Skip(offset).Take(size + 1).ToListAsync(ct);
        var reply = new ListCamerasResponse();
        reply.Cameras.AddRange(page.Take(size).Select(ToProto));
        if (page.Count > size) reply.NextPageToken = NextToken(offset + size);
        return reply;
    }

    public override async Task<Camera> GetCamera(GetCameraRequest request, ServerCallContext context)
    {
        if (!DeviceId.TryParse(request.DeviceId, out var id, out var reason))
            throw DomainException.Invalid("device_id", $"The device_id is not a GB/T 28181 id: {reason}.");
        return ToProto(await cameras.GetAsync(context.GetHttpContext().Caller(), id.Value, context.CancellationToken));
    }

    public override async Task<ListAlertsResponse> ListAlerts(ListAlertsRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var (size, offset, org) = (PageSize(request.PageSize), Offset(request.PageToken), Org(request.OrgPath));
        var status = Empty(request.Status);
        if (status is not null && status is not (AlertStatus.Open or AlertStatus.Routed or AlertStatus.Acknowledged or AlertStatus.Resolved))
            throw DomainException.Invalid("status", $"The status '{status}' is none of open, routed, acknowledged, resolved.");
        var kind = Empty(request.Kind);
        if (kind is not null && !AlertKinds.IsKnown(kind))
            throw DomainException.Invalid("kind", $"The kind '{kind}' is none of {string.Join(", ", AlertKinds.All)}.");

        var subtrees = await permissions.PermittedSubtreesAsync(context.GetHttpContext().Caller(), VideoAlertPermissions.AlertRead, ct);
        var query = db.Alerts.AsNoTracking().WithinAnySubtree(subtrees, a => a.OrgPath);
        if (org is not null) query = query.WithinSubtree(a => a.OrgPath, org.Value);
        if (status is not null) query = query.Where(a => a.Status == status);
        if (kind is not null) query = query.Where(a => a.Kind == kind);
        // Newest first by when raised, which never changes, so pages do not shift as repeats fold into an alert.
        var page = await query.OrderByDescending(a => a.FirstAt).ThenByDescending(a => a.Id).Skip(offset).Take(size + 1).ToListAsync(ct);
        var reply = new ListAlertsResponse();
        reply.Alerts.AddRange(page.Take(size).Select(ToProto));
        if (page.Count > size) reply.NextPageToken = NextToken(offset + size);
        return reply;
    }

    public override async Task<Alert> GetAlert(GetAlertRequest request, ServerCallContext context)
    {
        var id = AlertId(request.AlertId);
        return ToProto(await reads.WithinReachAsync(context.GetHttpContext().Caller(), id, VideoAlertPermissions.AlertRead, context.CancellationToken));
    }

    public override async Task<Alert> AcknowledgeAlert(AcknowledgeAlertRequest request, ServerCallContext context) =>
        ToProto(await acknowledgment.AcknowledgeAsync(context.GetHttpContext().Caller(), AlertId(request.AlertId), request.Version, context.CancellationToken));

    private static OrgPath? Org(string value) =>
        value.Length == 0 ? null
        : OrgPath.TryParse(value, out var org) ? org
        : throw DomainException.Invalid("org_path", "The org_path is not an org path (codes separated by '/').");
}
