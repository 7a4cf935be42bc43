using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.VideoAlert.Figures;

/// <summary>
/// Coverage and networking per grid, community, street or county (the org tree's levels 4 to 1): cameras, online
/// rate, networked rate (registered at least once) and the key-area cameras networked, over the cameras the caller
/// reads (camera.read), within <c>org</c> when given.
/// </summary>
public sealed class CameraFigures(VideoAlertDb db, RolePermissions permissions)
{
    public static readonly IReadOnlyDictionary<string, int> Levels = new Dictionary<string, int> { ["county"] = 1, ["street"] = 2, ["community"] = 3, ["grid"] = 4 };

    public async Task<IReadOnlyList<CameraFigure>> ByAsync(Caller caller, string? by, string? org, CancellationToken ct)
    {
        var level = by ?? "grid";
        if (!Levels.TryGetValue(level, out var depth))
            throw DomainException.Invalid("by", "Give the level to count by: grid, community, street or county.");
        var subtrees = await permissions.PermittedSubtreesAsync(caller, VideoAlertPermissions.CameraRead, ct);
        var query = db.Cameras.AsNoTracking().WithinAnySubtree(subtrees, c => c.OrgPath);
        if (org is not null)
        {
            if (!OrgPath.TryParse(org, out var within)) throw DomainException.Invalid("org", "The org is not an org path (codes separated by '/').");
            query = query.WithinSubtree(c => c.OrgPath, within.Value);
        }
        // A county's cameras are a few thousand rows of four columns: counted here, the grouping by path prefix stays plain.
        var cameras = await query.Select(c => new { c.OrgPath, Online = c.Status == CameraStatus.Online, Networked = c.FirstRegisteredAt != null, c.KeyArea })
            .ToListAsync(ct);
        return cameras
            .GroupBy(c => string.Join('/', c.OrgPath.Split('/').Take(depth)))
            .Select(g => CameraFigure.Of(g.Key, level, g.Count(), g.Count(c => c.Online), g.Count(c => c.Networked),
                g.Count(c => c.KeyArea), g.Count(c => c.KeyArea && c.Networked)))
            .OrderBy(f => f.OrgPath, StringComparer.Ordinal).ToList();
    }
}

/// <summary>
/// One org's figures. Rates are fractions (0 to 1, four decimals); null without cameras. <c>KeyAreaCoverage</c> is the
/// share of key-area cameras that are networked, the county's 100% aim.
/// </summary>
public sealed record CameraFigure(string OrgPath, string Level, int Cameras, int Online, double? OnlineRate, int Networked, double? NetworkedRate,
    int KeyAreaCameras, int KeyAreaNetworked, double? KeyAreaCoverage)
{
    public static CameraFigure Of(string org, string level, int cameras, int online, int networked, int keyArea, int keyAreaNetworked) =>
        new(org, level, cameras, online, Rate(online, cameras), networked, Rate(networked, cameras), keyArea, keyAreaNetworked, Rate(keyAreaNetworked, keyArea));

    private static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}
