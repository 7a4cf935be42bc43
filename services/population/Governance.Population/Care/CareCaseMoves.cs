using Governance.Population.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.Population.Care;

/// <summary>
/// A care case goes with its person. When the person moves into a house at another org, their open cases take that
/// org in the move's own transaction, so the figures count the case where the person lives and the auditors of that
/// community see its reads. A move into another community is the case's arrival there (<see cref="CareCase.ArrivedFrom"/>):
/// its worker, whose posts cover the old community, reads it no more, and the new community's centre leader is shown the
/// arrival to assign a worker of their own (<see cref="CareAssigning.ArrivalsAsync"/>). Moving back home ends the arrival.
/// A move out to nowhere recorded leaves the case where it is.
/// </summary>
public static class CareCaseMoves
{
    public static async Task FollowPersonAsync(PopulationDb db, Guid personId, string newOrg, DateOnly on, CancellationToken ct)
    {
        var moving = await db.CareCases.AsNoTracking().Where(c => c.PersonId == personId && c.ClosedOn == null && c.OrgPath != newOrg)
            .Select(c => new { c.Id, c.OrgPath, c.ArrivedFrom, c.ArrivedOn }).ToListAsync(ct);
        var community = CareFigures.CommunityOf(newOrg);
        foreach (var careCase in moving)
        {
            var from = careCase.ArrivedFrom ?? CareFigures.CommunityOf(careCase.OrgPath);
            var arrivedFrom = from == community ? null : from;
            var arrivedOn = arrivedFrom is null ? null : careCase.ArrivedFrom is null ? on : careCase.ArrivedOn;
            // A statement beside the move's others; the version changes so a worker's edit read before the move fails instead of landing.
            await db.CareCases.Where(c => c.Id == careCase.Id).ExecuteUpdateAsync(set => set
                .SetProperty(c => c.OrgPath, newOrg).SetProperty(c => c.ArrivedFrom, arrivedFrom).SetProperty(c => c.ArrivedOn, arrivedOn)
                .SetProperty(c => c.Version, c => c.Version + 1), ct);
        }
    }
}
