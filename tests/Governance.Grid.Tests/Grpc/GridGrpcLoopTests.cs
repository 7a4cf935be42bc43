using Google.Protobuf.WellKnownTypes;
using Governance.Contracts.Grid.V1;
using Governance.Grid.Tests.Incidents;
using Governance.Grid.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Governance.Grid.Tests.Infrastructure.GridHost;
using Incident = Governance.Contracts.Grid.V1.Incident;

namespace Governance.Grid.Tests.Grpc;

public sealed class GridGrpcLoopTests : IAsyncLifetime
{
    private GridHost _host = null!;
    private GridGrpc _grpc = null!;
    private HttpClient _operator = null!;
    private string _worker = "", _handler = "";

    public async ValueTask InitializeAsync()
    {
        _host = await GridHost.StartAsync();
        _grpc = new GridGrpc(_host);
        _operator = _host.ClientAs("operator-1", Street, "centre_operator");
        _worker = _grpc.Token("worker-1", Grid1, "grid_worker");
        _handler = _grpc.Token("handler-1", "632801", "department_handler", Department);
    }

    public async ValueTask DisposeAsync()
    {
        _grpc.Dispose();
        await _host.DisposeAsync();
    }

    /// <summary>Reported through gRPC, registered and dispatched by the centre over REST.</summary>
    private async Task<Incident> DispatchedAsync(string department = Department)
    {
        var reported = (await _grpc.ReportAsync(_handler)).Incident;
        var id = Guid.Parse(reported.Id);
        await _operator.StepAsync(id, "register", new { note = "属实" });
        await _operator.StepAsync(id, "dispatch", new { departmentId = department });
        return reported;
    }

    [Fact]
    public async Task A_department_takes_its_part_of_the_loop_through_gRPC()
    {
        var location = await _grpc.Client.LocateGridAsync(new LocateGridRequest { Latitude = 36.405, Longitude = 94.905 }, _grpc.As(_handler)).ResponseAsync;
        Assert.Equal(("632801001002001", Grid1, "第001网格"), (location.Code, location.OrgPath, location.Name));
        var grid = await _grpc.Client.GetGridAsync(new GetGridRequest { Code = location.Code }, _grpc.As(_worker)).ResponseAsync;
        Assert.Equal(("residential_compound", 400, Community), (grid.Type, grid.Households, grid.CommunityPath));
        Assert.Contains("\"Polygon\"", grid.GeometryGeojson);

        var reported = await _grpc.ReportAsync(_worker);
        Assert.Equal(("reported", "632801001002001", "register"), (reported.Incident.State, reported.Incident.GridCode, reported.Incident.Step));
        Assert.Equal(_host.Clock.GetUtcNow().UtcDateTime, reported.Incident.ReportedAt.ToDateTime(), TimeSpan.FromSeconds(1));
        var id = Guid.Parse(reported.Incident.Id);
        await _operator.StepAsync(id, "register", new { });
        await _operator.StepAsync(id, "dispatch", new { departmentId = Department });

        var assigned = await _grpc.Client.ListAssignedIncidentsAsync(new ListAssignedIncidentsRequest { State = "dispatched" }, _grpc.As(_handler)).ResponseAsync;
        Assert.Equal([reported.Incident.Number], assigned.Incidents.Select(i => i.Number));
        var accepted = await _grpc.Client.AcceptIncidentAsync(new AcceptIncidentRequest { IncidentId = id.ToString(), Note = "已接单" }, _grpc.As(_handler)).ResponseAsync;
        Assert.Equal(("accepted", "handler-1", "handle"), (accepted.State, accepted.HandlerId, accepted.Step));

        var until = _host.Clock.GetUtcNow().UtcDateTime.AddDays(5);
        var asked = await _grpc.Client.RequestExtensionAsync(new RequestExtensionRequest
        {
            IncidentId = id.ToString(), Until = Timestamp.FromDateTime(until), Reason = "需采购材料",
        }, _grpc.As(_handler)).ResponseAsync;
        Assert.Equal(until, asked.ExtensionRequestedUntil.ToDateTime(), TimeSpan.FromMilliseconds(1));

        var feedback = new SubmitFeedbackRequest { IncidentId = id.ToString(), Note = "已补装井盖" };
        feedback.Attachments.Add(new Attachment { Name = "after.jpg", ContentType = "image/jpeg", Size = 2048, Url = "https://files.example/after.jpg" });
        var handled = await _grpc.Client.SubmitFeedbackAsync(feedback, _grpc.As(_handler)).ResponseAsync;
        Assert.Equal(("handled", "verify"), (handled.State, handled.Step));
        Assert.Null(handled.ExtensionRequestedUntil);

        var timeline = await _grpc.Client.GetTimelineAsync(new GetTimelineRequest { IncidentId = id.ToString() }, _grpc.As(_handler)).ResponseAsync;
        Assert.Equal(["report", "register", "dispatch", "accept", "extension-requested", "feedback"], timeline.Steps.Select(s => s.Action));
        Assert.Equal(["worker-1", "operator-1", "operator-1", "handler-1", "handler-1", "handler-1"], timeline.Steps.Select(s => s.Actor));
        Assert.Equal(("accepted", "handled", "已补装井盖"), (timeline.Steps[5].FromState, timeline.Steps[5].ToState, timeline.Steps[5].Note));
        Assert.Equal(("after.jpg", 2048L), (timeline.Steps[5].Attachments.Single().Name, timeline.Steps[5].Attachments.Single().Size));
    }

    [Fact]
    public async Task Assigned_incidents_are_the_departments_own_newest_first_a_page_at_a_time()
    {
        var first = await DispatchedAsync();
        var second = await DispatchedAsync();
        await DispatchedAsync(WaterDepartment);
        var page = await _grpc.Client.ListAssignedIncidentsAsync(new ListAssignedIncidentsRequest { PageSize = 1 }, _grpc.As(_handler)).ResponseAsync;
        Assert.Equal([second.Number], page.Incidents.Select(i => i.Number));
        var next = await _grpc.Client.ListAssignedIncidentsAsync(new ListAssignedIncidentsRequest { PageSize = 1, PageToken = page.NextPageToken }, _grpc.As(_handler)).ResponseAsync;
        Assert.Equal([first.Number], next.Incidents.Select(i => i.Number));
        Assert.Equal("", next.NextPageToken);
        var accepted = await _grpc.Client.ListAssignedIncidentsAsync(new ListAssignedIncidentsRequest { State = "accepted" }, _grpc.As(_handler)).ResponseAsync;
        Assert.Empty(accepted.Incidents);
    }

    [Fact]
    public async Task Steps_out_of_order_are_refused_with_FAILED_PRECONDITION_naming_the_rule()
    {
        var id = (await DispatchedAsync()).Id;
        Assert.Equal(StatusCode.FailedPrecondition, await _grpc.StatusOfAsync(() => _grpc.Client.SubmitFeedbackAsync(
            new SubmitFeedbackRequest { IncidentId = id, Note = "已处理" }, _grpc.As(_handler)).ResponseAsync, "FeedbackNeedsAcceptedIncident: 只有状态为 accepted 的事件"));
        await _grpc.Client.AcceptIncidentAsync(new AcceptIncidentRequest { IncidentId = id }, _grpc.As(_handler)).ResponseAsync;
        Assert.Equal(StatusCode.FailedPrecondition, await _grpc.StatusOfAsync(() => _grpc.Client.AcceptIncidentAsync(
            new AcceptIncidentRequest { IncidentId = id }, _grpc.As(_handler)).ResponseAsync, "AcceptNeedsDispatchedIncident: "));
        var until = Timestamp.FromDateTime(_host.Clock.GetUtcNow().UtcDateTime.AddDays(3));
        await _grpc.Client.RequestExtensionAsync(new RequestExtensionRequest { IncidentId = id, Until = until, Reason = "材料" }, _grpc.As(_handler)).ResponseAsync;
        Assert.Equal(StatusCode.FailedPrecondition, await _grpc.StatusOfAsync(() => _grpc.Client.RequestExtensionAsync(
            new RequestExtensionRequest { IncidentId = id, Until = until, Reason = "再延" }, _grpc.As(_handler)).ResponseAsync, "OneExtensionRequestAtATime: "));
    }

    [Fact]
    public async Task GetIncidents_answers_the_incidents_in_the_callers_reach_and_leaves_out_the_rest_without_telling_which()
    {
        var (mine, dispatched) = ((await _grpc.ReportAsync(_worker)).Incident, await DispatchedAsync());
        Task<GetIncidentsResponse> Get(string token, params string[] ids)
        {
            var request = new GetIncidentsRequest();
            request.IncidentIds.AddRange(ids);
            return _grpc.Client.GetIncidentsAsync(request, _grpc.As(token)).ResponseAsync;
        }
        // Search's service account at the county reads both, with their text; an unknown id is simply absent.
        var county = await Get(_grpc.Token("search", "632801", "search_service"), mine.Id, dispatched.Id, Guid.NewGuid().ToString(), mine.Id);
        Assert.Equal(new[] { dispatched.Id, mine.Id }.Order(), county.Incidents.Select(i => i.Id).Order());
        Assert.Equal((mine.Title, mine.Description, mine.Address), county.Incidents.Single(i => i.Id == mine.Id) is var m ? (m.Title, m.Description, m.Address) : default);
        // A worker of the next community reads neither; the department reads the one dispatched to it, from the county level.
        Assert.Empty((await Get(_grpc.Token("worker-3", OtherCommunity, "grid_worker"), mine.Id, dispatched.Id)).Incidents);
        Assert.Equal([dispatched.Id], (await Get(_grpc.Token("handler-2", "632801/009", "department_handler", Department), mine.Id, dispatched.Id)).Incidents.Select(i => i.Id));
        Assert.Empty((await Get(_worker)).Incidents);

        Assert.Equal(StatusCode.PermissionDenied, await _grpc.StatusOfAsync(() => Get(_grpc.Token("router", "632801", "video_alert_service"), mine.Id)));
        Assert.Equal(StatusCode.InvalidArgument, await _grpc.StatusOfAsync(() => Get(_worker, "nope")));
        Assert.Equal(StatusCode.InvalidArgument, await _grpc.StatusOfAsync(() => Get(_worker, [.. Enumerable.Range(0, 201).Select(_ => Guid.NewGuid().ToString())])));
        Assert.Equal(StatusCode.Unauthenticated, await _grpc.StatusOfAsync(() => Get("not.a.token", mine.Id)));
    }

    [Fact]
    public async Task Refusals_map_to_PERMISSION_DENIED_INVALID_ARGUMENT_NOT_FOUND_and_UNAUTHENTICATED()
    {
        var id = (await DispatchedAsync()).Id;
        var accept = new AcceptIncidentRequest { IncidentId = id };
        var otherDepartment = _grpc.Token("handler-9", "632801", "department_handler", WaterDepartment);
        Assert.Equal(StatusCode.PermissionDenied, await _grpc.StatusOfAsync(() => _grpc.Client.AcceptIncidentAsync(accept, _grpc.As(otherDepartment)).ResponseAsync, "事件 "));
        Assert.Equal(StatusCode.PermissionDenied, await _grpc.StatusOfAsync(() => _grpc.Client.AcceptIncidentAsync(accept, _grpc.As(_worker)).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await _grpc.StatusOfAsync(() => _grpc.Client.ListAssignedIncidentsAsync(new ListAssignedIncidentsRequest(), _grpc.As(_grpc.Token("handler-0", "632801", "department_handler"))).ResponseAsync));
        var sibling = _grpc.Token("worker-3", OtherCommunity, "grid_worker");
        Assert.Equal(StatusCode.PermissionDenied, await _grpc.StatusOfAsync(() => _grpc.Client.ReportIncidentAsync(new ReportIncidentRequest
        {
            Source = "patrol", Category = "city_appearance", Title = "x", Latitude = 36.405, Longitude = 94.905,
        }, _grpc.As(sibling)).ResponseAsync));

        Assert.Equal(StatusCode.InvalidArgument, await _grpc.StatusOfAsync(() => _grpc.Client.AcceptIncidentAsync(new AcceptIncidentRequest { IncidentId = "nope" }, _grpc.As(_handler)).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await _grpc.StatusOfAsync(() => _grpc.Client.LocateGridAsync(new LocateGridRequest { Latitude = 91 }, _grpc.As(_handler)).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await _grpc.StatusOfAsync(() => _grpc.Client.GetGridAsync(new GetGridRequest { Code = "6328" }, _grpc.As(_handler)).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await _grpc.StatusOfAsync(() => _grpc.Client.ListAssignedIncidentsAsync(new ListAssignedIncidentsRequest { State = "lost" }, _grpc.As(_handler)).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await _grpc.StatusOfAsync(() => _grpc.Client.ReportIncidentAsync(new ReportIncidentRequest
        {
            Source = "citizen", Category = "city_appearance", Title = "x", Latitude = 36.405, Longitude = 94.905,
        }, _grpc.As(_worker)).ResponseAsync));

        Assert.Equal(StatusCode.NotFound, await _grpc.StatusOfAsync(() => _grpc.Client.LocateGridAsync(new LocateGridRequest { Latitude = 0, Longitude = 0 }, _grpc.As(_handler)).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await _grpc.StatusOfAsync(() => _grpc.Client.GetGridAsync(new GetGridRequest { Code = "632801001002009" }, _grpc.As(_worker)).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await _grpc.StatusOfAsync(() => _grpc.Client.GetGridAsync(new GetGridRequest { Code = "632801001002001" }, _grpc.As(sibling)).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await _grpc.StatusOfAsync(() => _grpc.Client.GetTimelineAsync(new GetTimelineRequest { IncidentId = id }, _grpc.As(sibling)).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await _grpc.StatusOfAsync(() => _grpc.Client.AcceptIncidentAsync(new AcceptIncidentRequest { IncidentId = Guid.NewGuid().ToString() }, _grpc.As(_handler)).ResponseAsync));

        Assert.Equal(StatusCode.Unauthenticated, await _grpc.StatusOfAsync(() => _grpc.Client.LocateGridAsync(new LocateGridRequest { Latitude = 36.405, Longitude = 94.905 }, _grpc.As(token: null)).ResponseAsync));
        Assert.Equal(StatusCode.Unauthenticated, await _grpc.StatusOfAsync(() => _grpc.Client.AcceptIncidentAsync(accept, _grpc.As("not.a.token")).ResponseAsync));
    }

    [Fact]
    public async Task A_report_with_a_request_id_opens_one_incident_however_often_and_however_concurrently_it_is_sent()
    {
        ReportIncidentRequest Request(string requestId, string title = "摄像机告警") => new()
        {
            Source = "video_alert", Category = "city_appearance", Title = title, Latitude = 36.405, Longitude = 94.905, RequestId = requestId,
        };
        var first = await _grpc.Client.ReportIncidentAsync(Request("alert:0001"), _grpc.As(_worker)).ResponseAsync;
        // A retry after a lost answer, even one that says something else, answers the incident the first one opened.
        var retry = await _grpc.Client.ReportIncidentAsync(Request("alert:0001", "另一个标题"), _grpc.As(_worker)).ResponseAsync;
        Assert.Equal((first.Incident.Id, first.Incident.Number, "摄像机告警"), (retry.Incident.Id, retry.Incident.Number, retry.Incident.Title));
        Assert.Empty(retry.PossibleDuplicates);

        // Five attempts of one report at once: one incident, every attempt answered with it.
        var racing = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _grpc.Client.ReportIncidentAsync(Request("alert:0002"), _grpc.As(_worker)).ResponseAsync));
        Assert.Single(racing.Select(r => r.Incident.Id).Distinct());
        Assert.NotEqual(first.Incident.Id, racing[0].Incident.Id);

        // The same id from another reporter is another report.
        var other = await _grpc.Client.ReportIncidentAsync(Request("alert:0001"), _grpc.As(_handler)).ResponseAsync;
        Assert.NotEqual(first.Incident.Id, other.Incident.Id);
        Assert.Equal(3, await _host.QueryAsync(db => db.Incidents.CountAsync(i => i.ReportRequestId != null, TestContext.Current.CancellationToken)));

        var invalid = await Assert.ThrowsAsync<RpcException>(() => _grpc.Client.ReportIncidentAsync(Request("alert 3"), _grpc.As(_worker)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Contains("请求编号", invalid.Status.Detail);
        await Assert.ThrowsAsync<RpcException>(() => _grpc.Client.ReportIncidentAsync(Request(new string('a', 65)), _grpc.As(_worker)).ResponseAsync);
        Assert.Equal(3, await _host.QueryAsync(db => db.Incidents.CountAsync(i => i.ReportRequestId != null, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Attempts_of_one_report_racing_open_one_incident_and_every_attempt_is_answered_with_it()
    {
        ReportIncidentRequest Request(string requestId) => new()
        {
            Source = "video_alert", Category = "city_appearance", Title = "摄像机告警", Latitude = 36.405, Longitude = 94.905, RequestId = requestId,
        };
        for (var round = 0; round < 6; round++)
        {
            // Eight attempts at once over HTTP/2: each past the "reported before?" look-up before any commits, most of the time.
            var requestId = $"race:{round}";
            var racing = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _grpc.Client.ReportIncidentAsync(Request(requestId), _grpc.As(_worker)).ResponseAsync));
            Assert.Single(racing.Select(r => (r.Incident.Id, r.Incident.Number)).Distinct());
            Assert.Equal(1, await _host.QueryAsync(db => db.Incidents.CountAsync(i => i.ReportRequestId == requestId, TestContext.Current.CancellationToken)));
        }
    }
}
