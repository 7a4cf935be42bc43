using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Governance.VideoAlert.Alarms;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.VideoAlert.Alerts;

/// <summary>
/// Alerts for callers holding alert.read over the alert's org, newest (latest alarm) first. REST and gRPC both read
/// through here; an alert out of reach reads as absent.
/// </summary>
public sealed class AlertReads(VideoAlertDb db, RolePermissions permissions)
{
    /// <summary>How many of an alert's latest alarms its detail shows.</summary>
    public const int LatestAlarms = 20;

    /// <summary>The alerts in the caller's reach, filtered by org subtree, status and kind when given.</summary>
    public async Task<IReadOnlyList<Alert>> ListAsync(Caller caller, AlertFilter filter, int limit, int offset, CancellationToken ct)
    {
        CameraRegistry.CheckPage(limit, offset);
        if (filter.Status is { } status && status is not (AlertStatus.Open or AlertStatus.Routed or AlertStatus.Acknowledged or AlertStatus.Resolved))
            throw DomainException.Invalid("status", "The status is open, routed, acknowledged or resolved.");
        if (filter.Kind is { } kind && !AlertKinds.IsKnown(kind))
            throw DomainException.Invalid("kind", $"The kind is one of {string.Join(", ", AlertKinds.All)}.");
        var subtrees = await permissions.PermittedSubtreesAsync(caller, VideoAlertPermissions.AlertRead, ct);
        var query = db.Alerts.AsNoTracking().WithinAnySubtree(subtrees, a => a.OrgPath);
        if (filter.Org is not null)
        {
            if (!OrgPath.TryParse(filter.Org, out var within)) throw DomainException.Invalid("org", "The org is not an org path (codes separated by '/').");
            query = query.WithinSubtree(a => a.OrgPath, within.Value);
        }
        if (filter.Status is not null) query = query.Where(a => a.Status == filter.Status);
        if (filter.Kind is not null) query = query.Where(a => a.Kind == filter.Kind);
        return await query.OrderByDescending(a => a.LastAt).ThenByDescending(a => a.Id).Skip(offset).Take(limit).ToListAsync(ct);
    }

    /// <summary>One alert and its latest alarms, newest first.</summary>
    public async Task<(Alert Alert, IReadOnlyList<Alarm> LatestAlarms)> GetAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var alert = await WithinReachAsync(caller, id, VideoAlertPermissions.AlertRead, ct);
        var alarms = await db.Alarms.AsNoTracking().Where(a => a.AlertId == id)
            .OrderByDescending(a => a.ReceivedAt).ThenByDescending(a => a.Id).Take(LatestAlarms).ToListAsync(ct);
        return (alert, alarms);
    }

    /// <summary>The alert if the caller holds <paramref name="permission"/> over its org; else absent, as if unknown.</summary>
    internal async Task<Alert> WithinReachAsync(Caller caller, Guid id, string permission, CancellationToken ct, bool tracked = false)
    {
        var alert = await (tracked ? db.Alerts : db.Alerts.AsNoTracking()).FirstOrDefaultAsync(a => a.Id == id, ct);
        return alert is not null && await permissions.IsPermittedAsync(caller, permission, OrgPath.Parse(alert.OrgPath), ct)
            ? alert : throw DomainException.NotFound($"No alert {id} within your reach.");
    }
}

/// <summary>What the alert list may be narrowed to; null means any.</summary>
public sealed record AlertFilter(string? Org = null, string? Status = null, string? Kind = null);
