using Governance.Contracts.Demo;
using Governance.Population.Care;
using Governance.ServiceDefaults.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Population.Demo;

/// <summary>
/// One care case of each category among the demo residents of the care worker's community, opened by a centre leader
/// (care-case.assign) and assigned to <see cref="DemoUsers.CareWorker"/>, who records a visit on each (two on some) as the
/// worker: a case's content is its worker's alone, so the demo worker finds them on signing in. An old person living alone
/// for elderly_alone, a grandchild brought up by grandparents for left_behind_child, adults for the others.
/// </summary>
internal sealed class DemoCareCases(IServiceScopeFactory scopes, Caller leader, DemoPeople people, DemoCounts counts)
{
    public async Task OpenAsync(string community, IReadOnlyList<DemoResidents.Resident> residents, CancellationToken ct)
    {
        var here = residents.Where(r => r.OrgPath == community || r.OrgPath.StartsWith(community + "/", StringComparison.Ordinal)).ToList();
        var chosen = new HashSet<Guid>();
        var worker = new Caller(DemoUsers.CareWorker.ToString(), OrgPath.Parse(community), new HashSet<string> { "care_worker" }, new HashSet<string>(), "demo-seed");
        await using var scope = scopes.CreateAsyncScope();
        var assigning = scope.ServiceProvider.GetRequiredService<CareAssigning>();
        var work = scope.ServiceProvider.GetRequiredService<CareWork>();
        foreach (var category in CareCategories.All)
        {
            var person = Pick(here, chosen, category);
            if (person is null) continue;
            chosen.Add(person.Id);
            var opened = people.Today.AddDays(-people.Next(20, 90));
            var assignment = await assigning.OpenAsync(leader,
                new OpenCaseRequest(person.Id, category, DemoUsers.CareWorker.ToString(), opened, null), ct);
            counts.CareCases++;
            var visits = counts.CareCases <= 2 ? 2 : 1;
            for (var v = 1; v <= visits; v++)
            {
                await work.RecordVisitAsync(worker, assignment.CaseId, new VisitRequest($"demo-{assignment.CaseId:N}-{v}",
                    opened.AddDays(v == 1 ? 1 : 15), v == 1 ? "home" : "phone", "演示走访记录：本人在家，情况稳定。", "按计划继续走访。"), ct);
                counts.Visits++;
            }
        }
    }

    private static DemoResidents.Resident? Pick(List<DemoResidents.Resident> here, HashSet<Guid> chosen, string category)
    {
        var free = here.Where(r => !chosen.Contains(r.Id)).ToList();
        return category switch
        {
            CareCategories.ElderlyAlone => free.Where(r => r.HouseholdSize == 1).OrderByDescending(r => r.Age).FirstOrDefault() ?? free.MaxBy(r => r.Age),
            CareCategories.LeftBehindChild => free.Where(r => r.Relation == "grandchild").MinBy(r => r.Age) ?? free.Where(r => r.Age < 16).MinBy(r => r.Age),
            _ => free.FirstOrDefault(r => r.Age is >= 20 and <= 60),
        };
    }
}
