using Governance.VideoAlert.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Governance.VideoAlert.Alerts;

/// <summary>
/// A camera that keeps going offline and online is one device_flapping alert, not one per flip. Each offline change
/// (CameraPresence, in its transaction) counts on the camera row: one UPDATE restarts the count when the window that
/// began at <c>FlipsSince</c> has passed, else adds one. Past <see cref="AlertOptions.FlappingFlips"/> a
/// device_flapping alert is raised with the flips as its count; while it is grouping every further flip folds into it,
/// and so do the camera's device-fault alarms (AlertGrouping).
/// </summary>
public sealed class CameraFlapping(VideoAlertDb db, AlertGrouping grouping, IOptions<AlertOptions> options)
{
    /// <summary>A flapping camera's alert is a device fault, below the public-safety kinds.</summary>
    public const int Priority = 3;

    /// <summary>Counts an offline change of <paramref name="deviceId"/> at <paramref name="now"/>; the flapping alert it joined, if any.</summary>
    public async Task<Guid?> WentOfflineAsync(string deviceId, string? gridCode, string orgPath, DateTime now, CancellationToken ct)
    {
        var windowStart = now - options.Value.FlappingWindow;
        await db.Cameras.Where(c => c.DeviceId == deviceId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Flips, c => c.FlipsSince == null || c.FlipsSince < windowStart ? 1 : c.Flips + 1)
            .SetProperty(c => c.FlipsSince, c => c.FlipsSince == null || c.FlipsSince < windowStart ? now : c.FlipsSince), ct);
        var flips = await db.Cameras.Where(c => c.DeviceId == deviceId).Select(c => c.Flips).FirstAsync(ct);
        // No summary: the kind and the count say it, and a summary is what a device wrote.
        var seed = new AlertSeed(deviceId, AlertKinds.DeviceFlapping, Priority, AlertMethods.DeviceFault, now, null, null, gridCode, orgPath,
            Summary: null, Count: flips);
        if (await grouping.TryFoldAsync(seed, ct) is { } folded) return folded;
        return flips > options.Value.FlappingFlips ? await grouping.JoinAsync(seed, ct) : null;
    }
}
