using Governance.Contracts.Demo;
using Governance.Grid.Cells;
using Governance.Grid.Dispatch;
using Governance.Grid.Incidents;
using Governance.Grid.Incidents.Categories;
using Governance.ServiceDefaults.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Grid.Demo;

/// <summary>
/// Incidents in every state, taken there step by step through the real workflow, so every
/// timeline, event and deadline is what the loop itself writes. The demo's staff act with the
/// roles the identity service gives them (so the permission checks run as for anyone).
/// </summary>
internal sealed class DemoIncidents(IServiceScopeFactory scopes, IReadOnlyList<GridCell> cells)
{
    private static readonly string Department = DemoDepartments.UrbanManagement.ToString();
    private static readonly string[] Targets = ["reported", "registered", "rejected", "dispatched", "accepted", "handled", "reworked", "verified", "closed", "evaluated",
        "handed-over"];

    public async Task<int> RunAsync(int count, CancellationToken ct)
    {
        var random = new Random(42);
        var root = cells[0].OrgPath.Split('/')[0];
        var worker = Staff("demo-grid-worker", root, "grid_worker");
        var centre = Staff("demo-centre-operator", root, "centre_operator");
        var handler = Staff("demo-department-handler", root, "department_handler") with { Department = Department };
        var leader = Staff("demo-grid-leader", root, "grid_leader");
        for (var n = 0; n < count; n++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var flow = scope.ServiceProvider.GetRequiredService<IncidentWorkflow>();
            var cell = cells[random.Next(cells.Count)];
            var centroid = CellGeometry.ReadPolygonal(cell.Geometry).InteriorPoint;
            var target = Targets[n % Targets.Length];
            // Disputes found in the grid go to mediation, whose service opens a case from the event.
            var category = target == "handed-over" ? "dispute" : CategoryCatalog.Defaults[random.Next(CategoryCatalog.Defaults.Count)].Code;
            var (incident, _) = await flow.ReportAsync(worker, new ReportRequest("patrol", category, n % 7 == 0 ? "urgent" : "normal",
                $"演示事件{n + 1}", "演示数据", centroid.Y, centroid.X, null, null), ct);
            if (target == "reported") continue;
            if (target == "rejected") { await flow.RejectAsync(centre, incident.Id, "演示: 不属实", ct); continue; }
            await flow.RegisterAsync(centre, incident.Id, null, null, null, ct);
            if (target == "registered") continue;
            if (target == "handed-over")
            {
                await scope.ServiceProvider.GetRequiredService<IncidentCoordination>().HandOverDisputeAsync(centre, incident.Id, "演示: 移交人民调解", ct);
                continue;
            }
            var departments = scope.ServiceProvider.GetRequiredService<DepartmentSteps>();
            await departments.DispatchAsync(centre, incident.Id, new DispatchOrder(Department, null, null, null), ct);
            if (target == "dispatched") continue;
            await departments.AcceptAsync(handler, incident.Id, null, ct);
            if (target == "accepted") continue;
            await departments.SubmitFeedbackAsync(handler, incident.Id, "演示: 已处置", null, ct);
            if (target == "handled") continue;
            if (target == "reworked")
            {
                await flow.VerifyAsync(leader, incident.Id, false, "演示: 未处置到位", null, ct);
                continue;
            }
            await flow.VerifyAsync(leader, incident.Id, true, null, null, ct);
            if (target == "verified") continue;
            await flow.CloseAsync(centre, incident.Id, null, ct);
            if (target == "closed") continue;
            await flow.EvaluateAsync(worker, incident.Id, 3 + random.Next(3), null, ct);
        }
        return count;
    }

    private static Caller Staff(string subject, string org, string role) =>
        new(subject, OrgPath.Parse(org), new HashSet<string> { role }, new HashSet<string>(), "demo-seed");
}
