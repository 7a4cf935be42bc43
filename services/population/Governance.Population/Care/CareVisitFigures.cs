using System.Globalization;
using Governance.Population.Data;
using Governance.Population.Persons;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Governance.Population.Care;

/// <summary>
/// Care visits on time per community for one month (care-case.figures), the counts assessment scores "care visits on
/// time" by (ADR 0013 §6): of the visits due in the month, how many were made by their due day, how many later, and how
/// many are still not made (the due day is past). Only counts per community, withheld as a whole when fewer than
/// <see cref="CareOptions.MinimumCount"/> visits fell due there, as <see cref="CareFigures"/> withholds; no case, person
/// or worker is named, and nothing finer than a community is counted.
/// </summary>
public sealed class CareVisitFigures(PopulationDb db, RolePermissions permissions, IOptions<CareOptions> options, TimeProvider clock)
{
    /// <param name="orgField">How the caller names the org in a refusal (org in REST, org_path over gRPC).</param>
    public async Task<IReadOnlyList<CareVisitFigureView>> CountAsync(Caller caller, string? org, string? month, CancellationToken ct, string orgField = "org")
    {
        var first = ParseMonth(month);
        var last = first.AddMonths(1).AddDays(-1);
        var subtrees = await permissions.PermittedSubtreesAsync(caller, CarePermissions.Figures, ct);
        var cases = db.CareCases.AsNoTracking().WithinAnySubtree(subtrees, c => c.OrgPath);
        var persons = db.Persons.AsNoTracking().WithinAnySubtree(subtrees, p => p.OrgPath);
        if (org is not null)
        {
            if (!OrgPath.TryParse(org, out var within)) throw DomainException.Invalid(orgField, "The org is not an org path (codes separated by '/').");
            cases = cases.WithinSubtree(c => c.OrgPath, within.Value);
            persons = persons.WithinSubtree(p => p.OrgPath, within.Value);
        }

        // Each due day answered by the earliest visit recorded against it (a visit entered late for an earlier day
        // records the due day it was entered under, and must not make that one on time twice).
        var answered = (await db.CareVisits.AsNoTracking().Where(v => v.DueOn >= first && v.DueOn <= last)
                .Join(cases, v => v.CaseId, c => c.Id, (v, c) => new { v.CaseId, DueOn = v.DueOn!.Value, v.VisitedOn, c.OrgPath })
                .ToListAsync(ct))
            .GroupBy(v => (v.CaseId, v.DueOn))
            .Select(g => (Community: CareFigures.CommunityOf(g.First().OrgPath), OnTime: g.Min(v => v.VisitedOn) <= g.Key.DueOn)).ToList();
        // Not made yet: a case's next visit fell due in the month, its day is past, and the case was open on it.
        var today = PersonNames.Today(clock);
        var missed = (await cases.Where(c => c.NextVisitDue >= first && c.NextVisitDue <= last && c.NextVisitDue < today
                    && (c.ClosedOn == null || c.ClosedOn > c.NextVisitDue))
                .Select(c => c.OrgPath).ToListAsync(ct))
            .Select(CareFigures.CommunityOf).ToList();

        var communities = (await persons.Select(p => p.OrgPath).Distinct().ToListAsync(ct)).Select(CareFigures.CommunityOf)
            .Concat(answered.Select(a => a.Community)).Concat(missed).Distinct().Order(StringComparer.Ordinal);
        var minimum = options.Value.MinimumCount;
        var label = first.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        return communities.Select(community =>
        {
            var onTime = answered.Count(a => a.Community == community && a.OnTime);
            var late = answered.Count(a => a.Community == community && !a.OnTime);
            var notMade = missed.Count(m => m == community);
            var due = onTime + late + notMade;
            return due >= minimum
                ? new CareVisitFigureView(community, label, due, onTime, late, notMade, due.ToString(CultureInfo.InvariantCulture))
                : new CareVisitFigureView(community, label, null, null, null, null, $"<{minimum}");
        }).ToList();
    }

    /// <summary>The first day of <paramref name="month"/> (yyyy-MM).</summary>
    public static DateOnly ParseMonth(string? month) =>
        DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            ? first
            : throw DomainException.Invalid("month", "The month must be given as yyyy-MM.");
}

/// <summary>
/// One community's care visits due in a month: <c>Due</c> = <c>OnTime</c> + <c>Late</c> + <c>Missed</c>; all null and
/// <c>Shown</c> "&lt;10" when fewer than the minimum fell due.
/// </summary>
public sealed record CareVisitFigureView(string Community, string Month, int? Due, int? OnTime, int? Late, int? Missed, string Shown);
