using Google.Protobuf.WellKnownTypes;
using Governance.Contracts.Grid;
using Governance.Contracts.Grid.V1;
using Governance.Grid.Incidents;
using Governance.Grid.Tests.Grpc;
using Governance.Grid.Tests.Infrastructure;
using Governance.Grid.Tests.Open311;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Grid.Tests.Infrastructure.GridHost;
using Incident = Governance.Contracts.Grid.V1.Incident;

namespace Governance.Grid.Tests.Incidents;

/// <summary>
/// The whole loop as it happens across the platform's interfaces: a citizen reports through
/// Open311, the centre works in the console (REST), the department through gRPC, and the citizen
/// follows it through Open311 until it is closed.
/// </summary>
public sealed class CitizenLoopTests : IAsyncLifetime
{
    private GridHost _host = null!;
    private GridGrpc _grpc = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await GridHost.StartAsync(Open311Calls.Unthrottled);
        _grpc = new GridGrpc(_host);
    }

    public async ValueTask DisposeAsync()
    {
        _grpc.Dispose();
        await _host.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_citizens_report_goes_round_the_loop_through_Open311_REST_and_gRPC_with_rework_overdue_and_extension()
    {
        var citizen = _host.Anonymous();
        var number = await Open311Calls.ReportAsync(citizen, await _host.CreateKeyAsync());
        var id = await _host.QueryAsync(db => db.Incidents.Where(i => i.Number == number).Select(i => i.Id).SingleAsync(Ct));
        // Who the citizen is never travels in events: the report names no reporter, unlike a staff member's.
        Assert.Null((await _host.Events.WaitForAsync<IncidentReported>(e => e.IncidentId == id)).ReportedByStaff);
        var centre = _host.ClientAs("operator-1", Street, "centre_operator");
        var leader = _host.ClientAs("leader-1", Grid1, "grid_leader");
        var handler = _grpc.Token("handler-1", "632801", "department_handler", Department);

        await centre.StepAsync(id, "register", new { });
        await centre.StepAsync(id, "dispatch", new { departmentId = Department });
        Assert.Equal("open", (await citizen.GetAnswerAsync($"requests/{number}.json", "json")).Single["status"]);
        await _grpc.Client.AcceptIncidentAsync(new AcceptIncidentRequest { IncidentId = id.ToString() }, _grpc.As(handler)).ResponseAsync;
        await _grpc.Client.SubmitFeedbackAsync(new SubmitFeedbackRequest { IncidentId = id.ToString(), Note = "已清理" }, _grpc.As(handler)).ResponseAsync;
        await leader.StepAsync(id, "verify", new { passed = false, note = "仍有垃圾" });

        // Re-dispatched; the department lets the accept deadline pass: red warning, then it accepts late.
        await centre.StepAsync(id, "dispatch", new { departmentId = Department, note = "返工" });
        _host.Clock.Advance(TimeSpan.FromHours(2));
        await using (var scope = _host.Services.CreateAsyncScope())
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<DeadlineWatch>().ScanAsync(Ct));
        await _grpc.Client.AcceptIncidentAsync(new AcceptIncidentRequest { IncidentId = id.ToString() }, _grpc.As(handler)).ResponseAsync;
        var until = _host.Clock.GetUtcNow().UtcDateTime.AddDays(3);
        await _grpc.Client.RequestExtensionAsync(new RequestExtensionRequest { IncidentId = id.ToString(), Until = Timestamp.FromDateTime(until), Reason = "需要清运车辆" }, _grpc.As(handler)).ResponseAsync;
        await centre.StepAsync(id, "extension/decision", new { approve = true });
        await _grpc.Client.SubmitFeedbackAsync(new SubmitFeedbackRequest { IncidentId = id.ToString(), Note = "已彻底清理" }, _grpc.As(handler)).ResponseAsync;
        await leader.StepAsync(id, "verify", new { passed = true });
        var closed = await centre.StepAsync(id, "close", new { });

        Assert.Equal((1, 1), (closed.Reworks, closed.Extensions));
        var followed = (await citizen.GetAnswerAsync($"requests/{number}.json", "json")).Single;
        Assert.Equal(("closed", "closed"), (followed["status"], followed["status_description"]));
        var timeline = await _grpc.Client.GetTimelineAsync(new GetTimelineRequest { IncidentId = id.ToString() }, _grpc.As(handler)).ResponseAsync;
        Assert.Equal(["report", "register", "dispatch", "accept", "feedback", "verify-failed", "dispatch", "overdue", "accept", "extension-requested",
            "extension-approved", "feedback", "verify", "close"], timeline.Steps.Select(s => s.Action));
        var stored = await _host.QueryAsync(db => db.Incidents.SingleAsync(i => i.Id == id, Ct));
        Assert.True(stored.WasOverdue);
        Assert.Equal(Governance.Grid.Incidents.IncidentSource.Citizen, stored.Source);
    }
}
