using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.VideoAlert.Routing;

/// <summary>The maintenance tasks in the caller's camera.manage reach: those who look after the cameras repair them.</summary>
public sealed class MaintenanceTasks(VideoAlertDb db, RolePermissions permissions)
{
    public async Task<IReadOnlyList<MaintenanceTaskView>> ListAsync(Caller caller, string? org, int limit, int offset, CancellationToken ct)
    {
        CameraRegistry.CheckPage(limit, offset);
        var subtrees = await permissions.PermittedSubtreesAsync(caller, VideoAlertPermissions.CameraManage, ct);
        var query = db.MaintenanceTasks.AsNoTracking().WithinAnySubtree(subtrees, t => t.OrgPath);
        if (org is not null)
        {
            if (!OrgPath.TryParse(org, out var within)) throw DomainException.Invalid("org", "The org is not an org path (codes separated by '/').");
            query = query.WithinSubtree(t => t.OrgPath, within.Value);
        }
        var tasks = await query.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Skip(offset).Take(limit).ToListAsync(ct);
        return tasks.Select(MaintenanceTaskView.Of).ToList();
    }
}
