using Governance.Population.Data;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Governance.Population.Care;

/// <summary>
/// Open cases counted per community and category, for care-case.figures (centre leaders). A count under
/// <see cref="CareOptions.MinimumCount"/> is withheld (shown "&lt;10"), zero included, so a figure never points
/// at the few people behind it. Every community where residents are registered is listed with all categories,
/// so that being listed says nothing either. Nothing finer than a community is ever counted.
/// </summary>
public sealed class CareFigures(PopulationDb db, RolePermissions permissions, IOptions<CareOptions> options)
{
    public async Task<IReadOnlyList<CareFigureView>> CountAsync(Caller caller, string? org, CancellationToken ct)
    {
        var subtrees = await permissions.PermittedSubtreesAsync(caller, CarePermissions.Figures, ct);
        var cases = db.CareCases.AsNoTracking().Where(c => c.ClosedOn == null).WithinAnySubtree(subtrees, c => c.OrgPath);
        var persons = db.Persons.AsNoTracking().WithinAnySubtree(subtrees, p => p.OrgPath);
        if (org is not null)
        {
            if (!OrgPath.TryParse(org, out var within)) throw DomainException.Invalid("org", "The org is not an org path (codes separated by '/').");
            cases = cases.WithinSubtree(c => c.OrgPath, within.Value);
            persons = persons.WithinSubtree(p => p.OrgPath, within.Value);
        }
        var counted = (await cases.GroupBy(c => new { c.OrgPath, c.Category }).Select(g => new { g.Key.OrgPath, g.Key.Category, Count = g.Count() }).ToListAsync(ct))
            .GroupBy(x => (Community: CommunityOf(x.OrgPath), x.Category)).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        var communities = (await persons.Select(p => p.OrgPath).Distinct().ToListAsync(ct)).Select(CommunityOf)
            .Concat(counted.Keys.Select(k => k.Community)).Distinct().Order(StringComparer.Ordinal);
        var minimum = options.Value.MinimumCount;
        return communities.SelectMany(community => CareCategories.All.Select(category =>
            counted.GetValueOrDefault((community, category)) is var n && n >= minimum
                ? new CareFigureView(community, category, n, n.ToString(System.Globalization.CultureInfo.InvariantCulture))
                : new CareFigureView(community, category, null, $"<{minimum}"))).ToList();
    }

    /// <summary>
    /// The community a path lies in: three levels below the county (the first 6-digit code: county / street / community).
    /// A path that stops above a community counts as itself.
    /// </summary>
    public static string CommunityOf(string orgPath)
    {
        var segments = orgPath.Split('/');
        var county = Array.FindLastIndex(segments, s => s.Length == 6);
        return county >= 0 && segments.Length > county + 2 ? string.Join('/', segments[..(county + 3)]) : orgPath;
    }
}
