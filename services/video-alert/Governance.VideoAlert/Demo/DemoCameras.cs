using System.Security.Cryptography;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Data;
using Governance.VideoAlert.Webhook;
using Microsoft.EntityFrameworkCore;

namespace Governance.VideoAlert.Demo;

/// <summary>
/// The demo county's cameras, placed the real way: a lattice of points over the demo county (grid's GridDemoSeed draws
/// its 12 communities as 0.02° squares from 94.86 E, 36.38 N, four to a row) is put to grid's LocateGrid, and each point inside a grid becomes a camera checked by the registry: a mix of public and social,
/// key areas, a lower platform with cameras behind it, and some offline for days. With them a demo webhook source.
/// Runs once: nothing happens when the demo source exists. <see cref="DemoSeed"/> runs it at start-up as the service
/// account; the admin's first play runs it with the admin's token when that has not happened (no service account
/// configured, or grid not up yet). Made-up ids and random SIP passwords: demo data only.
/// </summary>
public sealed class DemoCameras(VideoAlertDb db, CameraRegistry registry, AlarmSourceAdmin sources, TimeProvider clock)
{
    public const string SourceName = "演示-AI分析盒";
    public const string PlatformId = "63280100002000000900";
    private const double West = 94.86, South = 36.38, East = 94.94, North = 36.44, Step = 0.005;
    private const int MaxCameras = 120;

    /// <summary>The demo source, seeding the cameras with it the first time.</summary>
    public async Task<AlarmSource> EnsureAsync(Caller caller, CancellationToken ct)
    {
        if (await db.AlarmSources.AsNoTracking().FirstOrDefaultAsync(s => s.Name == SourceName && s.RevokedAt == null, ct) is { } existing) return existing;
        var platform = await PlatformAsync(caller, ct);
        // Cameras written by an attempt that failed before its source: not seeded again.
        if (!await db.Cameras.AnyAsync(c => c.PlatformId == platform.DeviceId, ct)) await SeedCamerasAsync(caller, platform, ct);
        return (await sources.CreateAsync(SourceName, Org(caller), "demo-seed", ct)).Source;
    }

    /// <summary>The lattice's points, south-west first.</summary>
    public static IEnumerable<(double Longitude, double Latitude)> Lattice()
    {
        for (var y = South + Step / 2; y < North; y += Step)
            for (var x = West + Step / 2; x < East; x += Step)
                yield return (Math.Round(x, 5), Math.Round(y, 5));
    }

    private async Task SeedCamerasAsync(Caller caller, SipPlatform platform, CancellationToken ct)
    {
        var cameras = new List<Camera>();
        foreach (var (x, y) in Lattice())
        {
            if (cameras.Count >= MaxCameras) break;
            if (await CameraAtAsync(caller, cameras.Count, x, y, platform.DeviceId, ct) is { } camera) cameras.Add(camera);
        }
        if (cameras.Count == 0) throw DomainException.Unavailable("No demo grid answered yet: wait until the grid service has drawn the demo county, then play again.");

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var camera in cameras)
        {
            db.Cameras.Add(camera);
            db.AddToOutbox(CameraRegistry.Registered(camera), camera.DeviceId);
        }
        await db.SaveChangesAsync(ct);
        // Some went quiet days ago: networked once, offline since (as OfflineSweep would have left them).
        foreach (var camera in cameras.Where((_, i) => i % 5 == 4))
            (camera.Status, camera.FirstRegisteredAt, camera.LastSeenAt) = (CameraStatus.Offline, now.AddDays(-30), now.AddDays(-3));
        await db.SaveChangesAsync(ct);
    }

    private async Task<SipPlatform> PlatformAsync(Caller caller, CancellationToken ct) =>
        await db.Platforms.AsNoTracking().FirstOrDefaultAsync(p => p.DeviceId == PlatformId, ct)
        ?? await registry.RegisterPlatformAsync(caller, new PlatformRequest(PlatformId, "演示-社会资源接入平台", Org(caller).Value, Password()), ct);

    /// <summary>The n-th demo camera at a point, or null when the point lies in no grid (or is out of the admin's reach).</summary>
    private async Task<Camera?> CameraAtAsync(Caller caller, int n, double longitude, double latitude, string platformId, CancellationToken ct)
    {
        var behindPlatform = n % 4 == 3;
        var request = new CameraRequest($"6328010000132{n + 900001:D7}", $"演示摄像机{n + 1}", longitude, latitude,
            n % 3 == 2 ? CameraChecks.Social : CameraChecks.Public, n % 2 == 0, behindPlatform ? null : Password(), behindPlatform ? platformId : null);
        try
        {
            return await registry.CheckAsync(caller, request, ct);
        }
        catch (DomainException e) when (e.Kind is DomainErrorKind.Invalid or DomainErrorKind.Forbidden or DomainErrorKind.Duplicate)
        {
            return null;
        }
    }

    internal static OrgPath Org(Caller caller) => caller.OrgPath ?? throw DomainException.Forbidden("Playing the demo needs an account with an org.");

    private static string Password() => RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 16);
}
