using Governance.Contracts.VideoAlert;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Governance.VideoAlert.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.VideoAlert.Cameras;

/// <summary>
/// Registers, reads and edits cameras. Every field is checked, and the point placed in its grid, before anything is
/// written; writes need camera.manage and reads camera.read over the camera's org (its grid's). A camera out of reach
/// reads as absent.
/// </summary>
public sealed class CameraRegistry(VideoAlertDb db, RolePermissions permissions, CameraPlacement placement, SipSecrets secrets, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    public async Task<Camera> RegisterAsync(Caller caller, CameraRequest request, CancellationToken ct)
    {
        var camera = await CheckAsync(caller, request, ct);
        db.Cameras.Add(camera);
        db.AddToOutbox(Registered(camera), camera.DeviceId);
        await db.SaveOrConflictAsync(() => Taken(camera.DeviceId), ct: ct);
        return camera;
    }

    /// <summary>
    /// Checks a camera to register as <see cref="RegisterAsync"/> does (fields, platform, grid, permission, not yet
    /// registered) and answers it unsaved: the import checks every row this way before it writes any.
    /// </summary>
    internal async Task<Camera> CheckAsync(Caller caller, CameraRequest request, CancellationToken ct)
    {
        var id = CameraChecks.Id(request.DeviceId, CameraChecks.CameraTypes, "camera");
        var name = CameraChecks.Name(request.Name);
        var (longitude, latitude) = CameraChecks.Point(request.Longitude, request.Latitude);
        var owner = CameraChecks.Owner(request.Owner);
        if ((request.Password is null) == (request.PlatformId is null))
            throw DomainException.Invalid("password", "Give either the camera's own SIP password or the platformId of the platform that registers for it.");
        var password = request.Password is null ? null : CameraChecks.Password(request.Password);
        var platformId = request.PlatformId is null ? null : (await PlatformInReachAsync(caller, request.PlatformId, ct)).DeviceId;
        var (gridCode, org) = await placement.GridOfAsync(longitude, latitude, ct);
        await permissions.EnsurePermittedAsync(caller, VideoAlertPermissions.CameraManage, org, ct);
        var held = await db.Cameras.IgnoreQueryFilters().Where(c => c.DeviceId == id.Value).Select(c => new { c.RetiredAt }).FirstOrDefaultAsync(ct);
        if (held is not null) throw held.RetiredAt is null ? Taken(id.Value) : RetiredId(id.Value);

        return new Camera
        {
            DeviceId = id.Value, TypeCode = id.TypeCode, Name = name, Longitude = longitude, Latitude = latitude, GridCode = gridCode, OrgPath = org.Value,
            Owner = owner, KeyArea = request.KeyArea ?? false, PlatformId = platformId,
            SipPassword = password is null ? null : secrets.Protect(id.Value, password), RegisteredAt = clock.GetUtcNow().UtcDateTime, RegisteredBy = caller.Subject,
        };
    }

    internal static CameraRegistered Registered(Camera c) => new(c.DeviceId, c.TypeCode, c.GridCode, c.OrgPath, c.Owner, c.KeyArea, c.RegisteredAt);

    public async Task<Camera> GetAsync(Caller caller, string deviceId, CancellationToken ct)
    {
        // A retired camera is still read by its id (with when, by whom and why), so a link to it does not break.
        var camera = await db.Cameras.AsNoTracking().IgnoreQueryFilters().FirstOrDefaultAsync(c => c.DeviceId == deviceId, ct);
        return camera is not null && await permissions.IsPermittedAsync(caller, VideoAlertPermissions.CameraRead, Org(camera), ct) ? camera
            : throw NotFound(deviceId);
    }

    /// <summary>
    /// The cameras in the caller's reach, within <paramref name="org"/> when given, by org and id: those in service, or
    /// only the retired ones when <paramref name="retired"/>.
    /// </summary>
    public async Task<IReadOnlyList<Camera>> ListAsync(Caller caller, string? org, int limit, int offset, CancellationToken ct, bool retired = false)
    {
        CheckPage(limit, offset);
        var subtrees = await permissions.PermittedSubtreesAsync(caller, VideoAlertPermissions.CameraRead, ct);
        var cameras = retired ? db.Cameras.IgnoreQueryFilters().Where(c => c.RetiredAt != null) : db.Cameras;
        var query = cameras.AsNoTracking().WithinAnySubtree(subtrees, c => c.OrgPath);
        if (org is not null)
        {
            if (!OrgPath.TryParse(org, out var within)) throw DomainException.Invalid("org", "The org is not an org path (codes separated by '/').");
            query = query.WithinSubtree(c => c.OrgPath, within.Value);
        }
        return await query.OrderBy(c => c.OrgPath).ThenBy(c => c.DeviceId).Skip(offset).Take(limit).ToListAsync(ct);
    }

    /// <summary>
    /// Edits name, point (placed again in its grid), owner, key-area flag or own password. The edit names the version
    /// it read: a stale one is refused (409), and of two edits at once the database's version check lets one through.
    /// </summary>
    public async Task<Camera> EditAsync(Caller caller, string deviceId, CameraPatch patch, CancellationToken ct)
    {
        var version = patch.Version ?? throw DomainException.Invalid("version", "Give the version of the record you read.");
        var name = patch.Name is null ? null : CameraChecks.Name(patch.Name);
        var owner = patch.Owner is null ? null : CameraChecks.Owner(patch.Owner);
        var password = patch.Password is null ? null : CameraChecks.Password(patch.Password);
        (double Longitude, double Latitude)? point = patch.Longitude is null && patch.Latitude is null ? null : CameraChecks.Point(patch.Longitude, patch.Latitude);

        var camera = await ManagedAsync(caller, deviceId, ct);
        if (camera.Version != version) throw Stale(version);
        if (point is { } p)
        {
            var (gridCode, org) = await placement.GridOfAsync(p.Longitude, p.Latitude, ct);
            await permissions.EnsurePermittedAsync(caller, VideoAlertPermissions.CameraManage, org, ct);
            (camera.Longitude, camera.Latitude, camera.GridCode, camera.OrgPath) = (p.Longitude, p.Latitude, gridCode, org.Value);
        }
        if (name is not null) camera.Name = name;
        if (owner is not null) camera.Owner = owner;
        if (patch.KeyArea is { } keyArea) camera.KeyArea = keyArea;
        if (password is not null) (camera.SipPassword, camera.PlatformId) = (secrets.Protect(camera.DeviceId, password), null);
        camera.Version++;
        await db.SaveOrConflictAsync(() => Stale(version), () => Stale(version), ct);
        return camera;
    }

    /// <summary>
    /// Retires a camera taken down, naming the version read and why: from then on it is out of the list and the figures,
    /// its SIP credentials stop working (saving the row drops its cached credential, <see cref="CameraCacheInvalidation"/>),
    /// its alarms are refused as an unknown device's, and its id is never registered again. <c>CameraRetired</c> is
    /// committed with the row. A camera already retired is a 409.
    /// </summary>
    public async Task<Camera> RetireAsync(Caller caller, string deviceId, CameraRetirement retirement, CancellationToken ct)
    {
        var version = retirement.Version ?? throw DomainException.Invalid("version", "Give the version of the record you read.");
        var reason = retirement.Reason?.Trim();
        if (string.IsNullOrEmpty(reason)) throw DomainException.Invalid("reason", "Give the reason the camera is retired.");
        if (reason.Length > Camera.MaxRetireReasonLength)
            throw DomainException.Invalid("reason", $"The reason must be at most {Camera.MaxRetireReasonLength} characters.");

        var camera = await ManagedAsync(caller, deviceId, ct);
        if (camera.Version != version) throw Stale(version);
        var now = clock.GetUtcNow().UtcDateTime;
        (camera.RetiredAt, camera.RetiredBy, camera.RetireReason) = (now, caller.Subject, reason);
        // Its registration ends with it: nothing may reach it through a stale contact.
        (camera.RegisteredUntil, camera.RegisteredFrom, camera.RegisteredTransport, camera.RegisteredContact) = (null, null, null, null);
        camera.Version++;
        db.AddToOutbox(new CameraRetired(camera.DeviceId, camera.GridCode, camera.OrgPath, reason, now), camera.DeviceId);
        await db.SaveOrConflictAsync(() => Stale(version), () => Stale(version), ct);
        return camera;
    }

    /// <summary>A camera in service for an edit: absent (404) out of camera.read, refused without camera.manage, 409 when retired.</summary>
    private async Task<Camera> ManagedAsync(Caller caller, string deviceId, CancellationToken ct)
    {
        var camera = await db.Cameras.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.DeviceId == deviceId, ct);
        if (camera is null || !await permissions.IsPermittedAsync(caller, VideoAlertPermissions.CameraRead, Org(camera), ct)) throw NotFound(deviceId);
        await permissions.EnsurePermittedAsync(caller, VideoAlertPermissions.CameraManage, Org(camera), ct);
        if (camera.RetiredAt is not null) throw DomainException.RuleViolated("CameraRetired", $"Camera {deviceId} is retired and can no longer be changed.");
        return camera;
    }

    public async Task<SipPlatform> RegisterPlatformAsync(Caller caller, PlatformRequest request, CancellationToken ct)
    {
        var id = CameraChecks.Id(request.DeviceId, CameraChecks.PlatformTypes, "platform");
        var name = CameraChecks.Name(request.Name);
        if (!OrgPath.TryParse(request.OrgPath, out var org))
            throw DomainException.Invalid("orgPath", "Give the org path that administers the platform (codes separated by '/').");
        var password = CameraChecks.Password(request.Password);
        await permissions.EnsurePermittedAsync(caller, VideoAlertPermissions.CameraManage, org, ct);
        if (await db.Platforms.AnyAsync(p => p.DeviceId == id.Value, ct)) throw Taken(id.Value);
        var platform = new SipPlatform
        {
            DeviceId = id.Value, TypeCode = id.TypeCode, Name = name, OrgPath = org.Value, SipPassword = secrets.Protect(id.Value, password),
            RegisteredAt = clock.GetUtcNow().UtcDateTime, RegisteredBy = caller.Subject,
        };
        db.Platforms.Add(platform);
        await db.SaveOrConflictAsync(() => Taken(id.Value), ct: ct);
        return platform;
    }

    private async Task<SipPlatform> PlatformInReachAsync(Caller caller, string platformId, CancellationToken ct)
    {
        var id = CameraChecks.Id(platformId, CameraChecks.PlatformTypes, "platform", "platformId");
        var platform = await db.Platforms.AsNoTracking().FirstOrDefaultAsync(p => p.DeviceId == id.Value, ct);
        return platform is not null && await permissions.IsPermittedAsync(caller, VideoAlertPermissions.CameraManage, OrgPath.Parse(platform.OrgPath), ct)
            ? platform : throw DomainException.Invalid("platformId", $"No platform {id.Value} within your reach.");
    }

    internal static void CheckPage(int limit, int offset)
    {
        if (limit is < 1 or > MaxPageSize) throw DomainException.Invalid("limit", $"The limit must be 1 to {MaxPageSize}.");
        if (offset < 0) throw DomainException.Invalid("offset", "The offset must not be negative.");
    }

    private static OrgPath Org(Camera camera) => OrgPath.Parse(camera.OrgPath);

    internal static DomainException Taken(string deviceId) => DomainException.Duplicate($"Device {deviceId} is already registered.");

    internal static DomainException RetiredId(string deviceId) =>
        DomainException.Duplicate($"Device {deviceId} was retired; a retired id is not registered again: give the replacement camera a new id.");

    private static DomainException NotFound(string deviceId) => DomainException.NotFound($"No camera {deviceId} within your reach.");

    private static DomainException Stale(int version) =>
        DomainException.RuleViolated("StaleVersion", $"The record changed since version {version} was read: read it again.");
}
