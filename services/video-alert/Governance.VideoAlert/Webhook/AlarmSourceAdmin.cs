using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.VideoAlert.Webhook;

/// <summary>
/// Creates, lists and revokes webhook sources; each needs camera.manage over the source's org (whoever may register
/// cameras there may let a box report for them). The key is answered once, at creation; only its hash is kept.
/// </summary>
public sealed class AlarmSourceAdmin(VideoAlertDb db, RolePermissions permissions, WebhookKeyCache keys, TimeProvider clock)
{
    public sealed record Created(AlarmSource Source, string ApiKey);

    public async Task<Created> CreateAsync(Caller caller, SourceRequest request, CancellationToken ct)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100 || name.Any(char.IsControl))
            throw DomainException.Invalid("name", "Give the source's name (at most 100 characters, no control characters).");
        if (!OrgPath.TryParse(request.OrgPath, out var org))
            throw DomainException.Invalid("orgPath", "Give the org path whose cameras the source reports for (codes separated by '/').");
        await permissions.EnsurePermittedAsync(caller, VideoAlertPermissions.CameraManage, org, ct);
        return await CreateAsync(name, org, caller.Subject, ct);
    }

    /// <summary>Creates a source without a caller's check: the demo seed's own.</summary>
    internal async Task<Created> CreateAsync(string name, OrgPath org, string by, CancellationToken ct)
    {
        var key = ApiKeys.NewKey();
        var source = new AlarmSource
        {
            Id = ApiKeys.NewSourceId(), Name = name, OrgPath = org.Value, KeyPrefix = key[..ApiKeys.PrefixLength], KeyHash = ApiKeys.Hash(key),
            CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = by,
        };
        db.AlarmSources.Add(source);
        await db.SaveChangesAsync(ct);
        return new Created(source, key);
    }

    public async Task<IReadOnlyList<AlarmSource>> ListAsync(Caller caller, int limit, int offset, CancellationToken ct)
    {
        CameraRegistry.CheckPage(limit, offset);
        var subtrees = await permissions.PermittedSubtreesAsync(caller, VideoAlertPermissions.CameraManage, ct);
        return await db.AlarmSources.AsNoTracking().WithinAnySubtree(subtrees, s => s.OrgPath)
            .OrderBy(s => s.OrgPath).ThenBy(s => s.CreatedAt).Skip(offset).Take(limit).ToListAsync(ct);
    }

    /// <summary>Revokes a source: its key is refused from the next request. Revoking it again changes nothing.</summary>
    public async Task<AlarmSource> RevokeAsync(Caller caller, string id, CancellationToken ct)
    {
        var source = await db.AlarmSources.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (source is null || !await permissions.IsPermittedAsync(caller, VideoAlertPermissions.CameraManage, OrgPath.Parse(source.OrgPath), ct))
            throw DomainException.NotFound($"No webhook source {id} within your reach.");
        if (source.RevokedAt is null)
        {
            (source.RevokedAt, source.RevokedBy) = (clock.GetUtcNow().UtcDateTime, caller.Subject);
            await db.SaveChangesAsync(ct);
            // Refused from the next request here; another replica's cache lets the key in for at most WebhookKeyCache.Trust.
            keys.Clear();
        }
        return source;
    }
}
