using Governance.Contracts.Grid.V1;
using Governance.Grid.Tests.Incidents;
using Governance.Grid.Tests.Infrastructure;
using Grpc.Core;
using static Governance.Grid.Tests.Infrastructure.GridHost;

namespace Governance.Grid.Tests.Grpc;

/// <summary>An assisting department (协办) gets the incident over gRPC as the lead does: its watch, its list, its own accept and feedback.</summary>
public sealed class AssistingDepartmentGrpcTests : IAsyncLifetime
{
    private GridHost _host = null!;
    private GridGrpc _grpc = null!;
    private string _centre = "", _urban = "", _water = "";

    public async ValueTask InitializeAsync()
    {
        _host = await GridHost.StartAsync();
        _grpc = new GridGrpc(_host);
        _centre = _grpc.Token("operator-1", Street, "centre_operator");
        _urban = _grpc.Token("urban-1", "632801", "department_handler", Department);
        _water = _grpc.Token("water-1", "632801", "department_handler", WaterDepartment);
    }

    public async ValueTask DisposeAsync()
    {
        _grpc.Dispose();
        await _host.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> DispatchedAsync()
    {
        var id = (await _grpc.ReportAsync(_urban)).Incident.Id;
        await _host.ClientAs("operator-1", Street, "centre_operator").StepAsync(Guid.Parse(id), "register", new { });
        var request = new DispatchIncidentRequest { IncidentId = id, DepartmentId = Department, Note = "主办城管, 水务协办" };
        request.AssistingDepartmentIds.Add(WaterDepartment);
        var dispatched = await _grpc.Client.DispatchIncidentAsync(request, _grpc.As(_centre));
        Assert.Equal(("dispatched", Department), (dispatched.State, dispatched.DepartmentId));
        return id;
    }

    private static async Task<DispatchedIncident> NextAsync(IAsyncEnumerator<DispatchedIncident> stream)
    {
        Assert.True(await stream.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15), Ct), "the watch ended");
        return stream.Current;
    }

    [Fact]
    public async Task The_assisting_department_watches_lists_accepts_and_feeds_back_on_its_own_part()
    {
        var earlier = await DispatchedAsync();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var stream = _grpc.Watch(_water, cancel.Token).GetAsyncEnumerator(cancel.Token);
        try
        {
            var first = await NextAsync(stream);
            Assert.Equal((earlier, false, "assisting", Department), (first.Incident.Id, first.Live, first.Role, first.Incident.DepartmentId));
            var later = await DispatchedAsync();
            var live = await NextAsync(stream);
            Assert.Equal((later, true, "assisting"), (live.Incident.Id, live.Live, live.Role));
        }
        finally
        {
            await cancel.CancelAsync();
            await stream.DisposeAsync();
        }

        var assigned = await _grpc.Client.ListAssignedIncidentsAsync(new ListAssignedIncidentsRequest(), _grpc.As(_water));
        Assert.Equal(2, assigned.Incidents.Count);

        var accepted = await _grpc.Client.AcceptIncidentAsync(new AcceptIncidentRequest { IncidentId = earlier }, _grpc.As(_water));
        Assert.Equal("dispatched", accepted.State); // the lead has not accepted yet
        await _grpc.Client.SubmitFeedbackAsync(new SubmitFeedbackRequest { IncidentId = earlier, Note = "已关阀" }, _grpc.As(_water));
        var status = await _grpc.StatusOfAsync(() => _grpc.Client.SubmitFeedbackAsync(new SubmitFeedbackRequest { IncidentId = earlier, Note = "再次" }, _grpc.As(_water)).ResponseAsync,
            "FeedbackNeedsAcceptedPart: ");
        Assert.Equal(StatusCode.FailedPrecondition, status);

        var parts = (await _grpc.Client.ListIncidentPartsAsync(new ListIncidentPartsRequest { IncidentId = earlier }, _grpc.As(_water))).Parts;
        Assert.Equal([(Department, "lead", "dispatched", ""), (WaterDepartment, "assisting", "handled", "已关阀")],
            parts.Select(p => (p.DepartmentId, p.Role, p.State, p.Note)));
        Assert.Equal("水务局", parts[1].DepartmentName);
    }

    [Fact]
    public async Task A_dispatch_over_grpc_is_the_centre_s_and_names_known_departments()
    {
        var id = (await _grpc.ReportAsync(_urban)).Incident.Id;
        await _host.ClientAs("operator-1", Street, "centre_operator").StepAsync(Guid.Parse(id), "register", new { });
        // A department cannot dispatch; the centre cannot name a retired department or one twice.
        Assert.Equal(StatusCode.PermissionDenied, await _grpc.StatusOfAsync(() =>
            _grpc.Client.DispatchIncidentAsync(new DispatchIncidentRequest { IncidentId = id, DepartmentId = Department }, _grpc.As(_urban)).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await _grpc.StatusOfAsync(() =>
            _grpc.Client.DispatchIncidentAsync(new DispatchIncidentRequest { IncidentId = id, DepartmentId = RetiredDepartment }, _grpc.As(_centre)).ResponseAsync));
        var twice = new DispatchIncidentRequest { IncidentId = id, DepartmentId = Department };
        twice.AssistingDepartmentIds.Add(Department);
        Assert.Equal(StatusCode.InvalidArgument, await _grpc.StatusOfAsync(() => _grpc.Client.DispatchIncidentAsync(twice, _grpc.As(_centre)).ResponseAsync));
        // A registered incident is not re-dispatched: there was no return.
        Assert.Equal(StatusCode.FailedPrecondition, await _grpc.StatusOfAsync(() =>
            _grpc.Client.RedispatchIncidentAsync(new DispatchIncidentRequest { IncidentId = id, DepartmentId = WaterDepartment }, _grpc.As(_centre)).ResponseAsync,
            "RedispatchNeedsReturnedIncident: "));
    }
}
