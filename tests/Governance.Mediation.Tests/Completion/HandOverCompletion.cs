using Governance.Contracts.Grid;
using Governance.Mediation.Cases;
using Governance.Mediation.Tests.Infrastructure;
using static Governance.Mediation.Tests.Cases.CaseTestKit;

namespace Governance.Mediation.Tests.Completion;

/// <summary>A case as grid's hand-over leaves it: placeholder data, no parties, at the grid level of <see cref="MediationHost.Grid1"/>.</summary>
internal static class HandOverCompletion
{
    public static async Task<(Guid IncidentId, DisputeCase Case)> HandedOverCaseAsync(MediationHost host)
    {
        var incident = Guid.NewGuid();
        await PublishHandOverAsync(host, new DisputeHandedOver(incident, "20261123-000042", "632801001002001", MediationHost.Grid1, "dispute", DateTime.UtcNow), Guid.NewGuid());
        return (incident, Assert.Single(await WaitForCasesAsync(host, incident.ToString())));
    }

    public static object Data => new
    {
        name = "楼上漏水纠纷", place = "金峰社区3号楼", category = "neighbour", risk = "ordinary", peopleInvolved = 2, amountAtStake = 3000m,
        summary = "楼上住户卫生间漏水，楼下天花板受损，双方就维修与赔偿有争议。", occurredOn = new DateOnly(2026, 11, 20),
    };
}
