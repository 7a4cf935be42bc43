using Governance.Grid.Data;
using Governance.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.Incidents;

/// <summary>
/// Suggests incidents a new report may repeat: the same category, still open, reported within
/// <see cref="Window"/> and <see cref="RadiusMetres"/>. Only a suggestion: the centre decides to merge.
/// A reporter is shown only the suggestions they may read: 100 m reach across a boundary into
/// another subtree, whose incidents are not theirs to see.
/// </summary>
public sealed class DuplicateFinder(GridDb db, RolePermissions permissions)
{
    public const double RadiusMetres = 100;
    public static readonly TimeSpan Window = TimeSpan.FromHours(72);

    // A handed-over dispute is open until mediation ends: a new report of it is a duplicate to merge into it.
    private static readonly IncidentState[] Ended =
        [IncidentState.Rejected, IncidentState.Closed, IncidentState.Evaluated, IncidentState.Merged];

    public async Task<IReadOnlyList<Incident>> FindAsync(Incident report, CancellationToken ct)
    {
        // A box first (an index range), then the true distance.
        var dLat = RadiusMetres / 111_320.0;
        var dLng = dLat / Math.Max(0.01, Math.Cos(report.Latitude * Math.PI / 180));
        var since = report.ReportedAt - Window;
        var near = await db.Incidents.AsNoTracking()
            .Where(i => i.Category == report.Category && i.ReportedAt >= since && !Ended.Contains(i.State)
                && i.Latitude >= report.Latitude - dLat && i.Latitude <= report.Latitude + dLat
                && i.Longitude >= report.Longitude - dLng && i.Longitude <= report.Longitude + dLng)
            .OrderByDescending(i => i.ReportedAt).Take(20).ToListAsync(ct);
        return near.Where(i => Metres(i.Latitude, i.Longitude, report.Latitude, report.Longitude) <= RadiusMetres).ToList();
    }

    /// <summary>
    /// The suggestions <paramref name="caller"/> may read, by the rule of reading one incident: a post
    /// with <c>incident.read</c> reaching its org, or the incident dispatched to the caller's department.
    /// </summary>
    public async Task<IReadOnlyList<Incident>> VisibleToAsync(Caller caller, IReadOnlyList<Incident> found, CancellationToken ct)
    {
        var visible = new List<Incident>(found.Count);
        foreach (var incident in found)
            if (await permissions.IsPermittedAsync(caller, "incident.read", OrgPath.Parse(incident.OrgPath), ct)
                || (incident.DepartmentId is not null && incident.DepartmentId == caller.Department
                    && await permissions.PermitsAsync(caller.Roles, "incident.read", ct)))
                visible.Add(incident);
        return visible;
    }

    /// <summary>Great-circle distance (haversine), metres.</summary>
    public static double Metres(double lat1, double lng1, double lat2, double lng2)
    {
        const double R = 6_371_000;
        double p1 = lat1 * Math.PI / 180, p2 = lat2 * Math.PI / 180, dp = p2 - p1, dl = (lng2 - lng1) * Math.PI / 180;
        var a = Math.Sin(dp / 2) * Math.Sin(dp / 2) + Math.Cos(p1) * Math.Cos(p2) * Math.Sin(dl / 2) * Math.Sin(dl / 2);
        return 2 * R * Math.Asin(Math.Sqrt(a));
    }
}
