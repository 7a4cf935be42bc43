using Governance.Contracts.VideoAlert;
using Governance.Contracts.VideoAlert.V1;
using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Grpc;
using Governance.VideoAlert.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.VideoAlert.Tests.Grpc.VideoAlertGrpc;
using static Governance.VideoAlert.Tests.Infrastructure.VideoAlertHost;

namespace Governance.VideoAlert.Tests.Grpc;

public sealed class VideoAlertGrpcTests : IAsyncLifetime
{
    private VideoAlertHost _host = null!;
    private VideoAlertGrpc _grpc = null!;
    private string _operator = "", _leader = "", _handler = "";

    public async ValueTask InitializeAsync()
    {
        _host = await VideoAlertHost.StartAsync();
        _grpc = new VideoAlertGrpc(_host);
        _operator = _grpc.Token("op-1", Community, "centre_operator");
        _leader = _grpc.Token("leader-1", Grid1, "grid_leader");
        _handler = _grpc.Token("handler-1", County, "department_handler", Department);
    }

    public async ValueTask DisposeAsync()
    {
        _grpc.Dispose();
        await _host.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private VideoAlertService.VideoAlertServiceClient Client => _grpc.Client;

    [Fact]
    public async Task Cameras_are_listed_a_page_at_a_time_and_read_within_the_callers_reach_only()
    {
        await _grpc.AddCameraAsync("63280100001320000011", Grid1, "632801001002001");
        await _grpc.AddCameraAsync("63280100001310000012", Grid2, "632801001002002");
        await _grpc.AddCameraAsync("63280100001320000013", OtherCommunity + "/001", "632801001003001");

        var first = await Client.ListCamerasAsync(new ListCamerasRequest { PageSize = 1 }, _grpc.As(_operator));
        var second = await Client.ListCamerasAsync(new ListCamerasRequest { PageSize = 1, PageToken = first.NextPageToken }, _grpc.As(_operator));
        Assert.Equal(["63280100001320000011", "63280100001310000012"], first.Cameras.Concat(second.Cameras).Select(c => c.DeviceId));
        Assert.Equal("", second.NextPageToken);
        var leaders = await Client.ListCamerasAsync(new ListCamerasRequest(), _grpc.As(_leader));
        Assert.Equal(["63280100001320000011"], leaders.Cameras.Select(c => c.DeviceId));
        var inGrid2 = await Client.ListCamerasAsync(new ListCamerasRequest { OrgPath = Grid2 }, _grpc.As(_operator));
        Assert.Equal(("63280100001310000012", "camera", "unknown", 1), (inGrid2.Cameras.Single().DeviceId, inGrid2.Cameras[0].Kind, inGrid2.Cameras[0].Status, inGrid2.Cameras[0].Version));

        var camera = await Client.GetCameraAsync(new GetCameraRequest { DeviceId = "63280100001320000011" }, _grpc.As(_leader));
        Assert.Equal((Grid1, "632801001002001", "public"), (camera.OrgPath, camera.GridCode, camera.Owner));
        Assert.Equal(StatusCode.NotFound, await StatusOfAsync(() => Client.GetCameraAsync(new GetCameraRequest { DeviceId = "63280100001320000013" }, _grpc.As(_operator)).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await StatusOfAsync(() => Client.GetCameraAsync(new GetCameraRequest { DeviceId = "123" }, _grpc.As(_operator)).ResponseAsync, "device_id"));
        Assert.Equal(StatusCode.InvalidArgument, await StatusOfAsync(() => Client.ListCamerasAsync(new ListCamerasRequest { OrgPath = "a/b" }, _grpc.As(_operator)).ResponseAsync, "org_path"));
        Assert.Equal(StatusCode.InvalidArgument, await StatusOfAsync(() => Client.ListCamerasAsync(new ListCamerasRequest { PageSize = 500 }, _grpc.As(_operator)).ResponseAsync, "page_size"));
        Assert.Equal(StatusCode.InvalidArgument, await StatusOfAsync(() => Client.ListCamerasAsync(new ListCamerasRequest { PageToken = "!!" }, _grpc.As(_operator)).ResponseAsync, "page_token"));
        Assert.Equal(StatusCode.PermissionDenied, await StatusOfAsync(() => Client.ListCamerasAsync(new ListCamerasRequest(), _grpc.As(_handler)).ResponseAsync, "camera.read"));
        Assert.Equal(StatusCode.Unauthenticated, await StatusOfAsync(() => Client.ListCamerasAsync(new ListCamerasRequest(), _grpc.As(null)).ResponseAsync));
    }

    [Fact]
    public async Task Alerts_are_listed_newest_first_by_filter_and_read_within_the_callers_reach_only()
    {
        var now = DateTime.UtcNow;
        var fire = NewAlert(Grid1, AlertKinds.FireSmoke, now.AddMinutes(-2));
        var flood = NewAlert(Grid2, AlertKinds.Flooding, now.AddMinutes(-1));
        flood.Status = AlertStatus.Routed;
        var elsewhere = NewAlert(OtherCommunity + "/001", AlertKinds.FireSmoke, now);
        await _host.SeedAsync(db => db.Alerts.AddRange(fire, flood, elsewhere));

        var all = await Client.ListAlertsAsync(new ListAlertsRequest(), _grpc.As(_operator));
        Assert.Equal([flood.Id.ToString(), fire.Id.ToString()], all.Alerts.Select(a => a.Id));
        Assert.Equal([flood.Id.ToString()], (await Client.ListAlertsAsync(new ListAlertsRequest { Status = "routed" }, _grpc.As(_operator))).Alerts.Select(a => a.Id));
        Assert.Equal([fire.Id.ToString()], (await Client.ListAlertsAsync(new ListAlertsRequest { Kind = "fire_smoke" }, _grpc.As(_operator))).Alerts.Select(a => a.Id));
        Assert.Equal([fire.Id.ToString()], (await Client.ListAlertsAsync(new ListAlertsRequest(), _grpc.As(_leader))).Alerts.Select(a => a.Id));
        var page = await Client.ListAlertsAsync(new ListAlertsRequest { PageSize = 1 }, _grpc.As(_operator));
        Assert.Equal([fire.Id.ToString()], (await Client.ListAlertsAsync(new ListAlertsRequest { PageSize = 1, PageToken = page.NextPageToken }, _grpc.As(_operator))).Alerts.Select(a => a.Id));

        var got = await Client.GetAlertAsync(new GetAlertRequest { AlertId = fire.Id.ToString() }, _grpc.As(_leader));
        Assert.Equal((CameraBodies.Camera1, "fire_smoke", 2, "video", "open", Grid1, 1), (got.DeviceId, got.Kind, got.Priority, got.Method, got.Status, got.OrgPath, got.Version));
        Assert.Equal(StatusCode.NotFound, await StatusOfAsync(() => Client.GetAlertAsync(new GetAlertRequest { AlertId = elsewhere.Id.ToString() }, _grpc.As(_operator)).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await StatusOfAsync(() => Client.GetAlertAsync(new GetAlertRequest { AlertId = flood.Id.ToString() }, _grpc.As(_leader)).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await StatusOfAsync(() => Client.GetAlertAsync(new GetAlertRequest { AlertId = "x" }, _grpc.As(_operator)).ResponseAsync, "alert_id"));
        Assert.Equal(StatusCode.InvalidArgument, await StatusOfAsync(() => Client.ListAlertsAsync(new ListAlertsRequest { Status = "closed" }, _grpc.As(_operator)).ResponseAsync, "status"));
        Assert.Equal(StatusCode.InvalidArgument, await StatusOfAsync(() => Client.ListAlertsAsync(new ListAlertsRequest { Kind = "face" }, _grpc.As(_operator)).ResponseAsync, "kind"));
        Assert.Equal(StatusCode.PermissionDenied, await StatusOfAsync(() => Client.ListAlertsAsync(new ListAlertsRequest(), _grpc.As(_handler)).ResponseAsync, "alert.read"));
    }

    [Fact]
    public async Task Acknowledging_checks_reach_version_and_status_and_commits_the_late_acknowledgment_with_its_event()
    {
        var alert = NewAlert(Grid1);
        (alert.Status, alert.AckDeadline) = (AlertStatus.Routed, _host.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1));
        await _host.SeedAsync(db => db.Alerts.Add(alert));
        var id = alert.Id.ToString();
        var outsider = _grpc.Token("op-2", OtherCommunity, "centre_operator");

        Assert.Equal(StatusCode.PermissionDenied, await StatusOfAsync(() => Client.AcknowledgeAlertAsync(new AcknowledgeAlertRequest { AlertId = id, Version = 1 }, _grpc.As(_leader)).ResponseAsync, "alert.acknowledge"));
        Assert.Equal(StatusCode.NotFound, await StatusOfAsync(() => Client.AcknowledgeAlertAsync(new AcknowledgeAlertRequest { AlertId = id, Version = 1 }, _grpc.As(outsider)).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await StatusOfAsync(() => Client.AcknowledgeAlertAsync(new AcknowledgeAlertRequest { AlertId = id }, _grpc.As(_operator)).ResponseAsync, "version"));
        Assert.Equal(StatusCode.FailedPrecondition, await StatusOfAsync(() => Client.AcknowledgeAlertAsync(new AcknowledgeAlertRequest { AlertId = id, Version = 5 }, _grpc.As(_operator)).ResponseAsync, "StaleVersion: "));
        Assert.Equal(AlertStatus.Routed, await _host.QueryAsync(db => db.Alerts.Where(a => a.Id == alert.Id).Select(a => a.Status).SingleAsync(Ct)));

        var acknowledged = await Client.AcknowledgeAlertAsync(new AcknowledgeAlertRequest { AlertId = id, Version = 1 }, _grpc.As(_operator));
        Assert.Equal(("acknowledged", "op-1", 2), (acknowledged.Status, acknowledged.AcknowledgedBy, acknowledged.Version));
        Assert.NotNull(acknowledged.AcknowledgedAt);
        var published = await _host.Events.WaitForAsync<AlertAcknowledged>(e => e.AlertId == alert.Id);
        Assert.Equal(("op-1", true, Grid1), (published.AcknowledgedBy, published.Late, published.OrgPath));
        Assert.Equal(StatusCode.FailedPrecondition, await StatusOfAsync(() => Client.AcknowledgeAlertAsync(new AcknowledgeAlertRequest { AlertId = id, Version = 2 }, _grpc.As(_operator)).ResponseAsync, "AlertAlreadyAcknowledged: "));
        var stored = await _host.QueryAsync(db => db.Alerts.AsNoTracking().SingleAsync(a => a.Id == alert.Id, Ct));
        Assert.Equal((AlertStatus.Acknowledged, "op-1", 2), (stored.Status, stored.AcknowledgedBy, stored.Version));
        Assert.Single(_host.Events.Seen<AlertAcknowledged>(e => e.AlertId == alert.Id));
    }

    [Fact]
    public async Task A_department_watches_the_alerts_routed_to_it_and_nothing_else_and_a_watch_needs_a_filter_in_reach()
    {
        var refusals = new (string Token, WatchAlertsRequest Request, StatusCode Code)[]
        {
            (_operator, new WatchAlertsRequest(), StatusCode.InvalidArgument),
            (_operator, new WatchAlertsRequest { OrgPath = Community, MyDepartment = true }, StatusCode.InvalidArgument),
            (_operator, new WatchAlertsRequest { OrgPath = "x" }, StatusCode.InvalidArgument),
            (_leader, new WatchAlertsRequest { OrgPath = Community }, StatusCode.PermissionDenied),   // the leader reaches one grid only
            (_leader, new WatchAlertsRequest { MyDepartment = true }, StatusCode.PermissionDenied),   // no alert.department.read
            (_grpc.Token("handler-0", County, "department_handler"), new WatchAlertsRequest { MyDepartment = true }, StatusCode.PermissionDenied), // no dept
            (_handler, new WatchAlertsRequest { OrgPath = Community }, StatusCode.PermissionDenied),  // no alert.read
        };
        foreach (var (token, request, code) in refusals)
        {
            await using var refused = _grpc.Watch(token, request, Ct).GetAsyncEnumerator(Ct);
            Assert.Equal(code, await StatusOfAsync(async () => await refused.MoveNextAsync()));
        }

        var fanOut = _host.Services.GetRequiredService<AlertFanOut>();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var stream = _grpc.Watch(_handler, new WatchAlertsRequest { MyDepartment = true }, cancel.Token).GetAsyncEnumerator(cancel.Token);
        var next = stream.MoveNextAsync().AsTask();
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(fanOut.Open == 1), Ct));
        var others = NewAlert(OtherCommunity + "/001", department: "water-632801");
        var raisedOnly = NewAlert(Grid1);              // raised, not routed yet: no department
        var ours = NewAlert(OtherCommunity + "/001", AlertKinds.VideoLoss, department: Department);
        await _grpc.RouteAsync(others);
        await _grpc.RaiseAsync(raisedOnly);
        await _grpc.RouteAsync(ours);
        try
        {
            Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(15), Ct));
            Assert.Equal((ours.Id.ToString(), "routed", Department, "maintenance"),
                (stream.Current.Alert.Id, stream.Current.Change, stream.Current.Alert.Department, stream.Current.Alert.RoutedTo));
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<Exception>(async () => await stream.MoveNextAsync());
        }
        finally
        {
            await stream.DisposeAsync();
        }
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(fanOut.Open == 0), Ct));
    }

    [Fact]
    public async Task A_watch_answers_its_headers_once_it_is_subscribed_so_a_caller_knows_from_when_on_it_misses_nothing()
    {
        var fanOut = _host.Services.GetRequiredService<AlertFanOut>();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        using var call = _grpc.Client.WatchAlerts(new WatchAlertsRequest { OrgPath = Community }, _grpc.As(_operator, DateTime.UtcNow.AddSeconds(60), cancel.Token));
        // No alert is raised: the headers come without one, and by then the watch is in the fan-out (the console awaits them,
        // then reads ListAlerts to catch up).
        var headers = await call.ResponseHeadersAsync.WaitAsync(TimeSpan.FromSeconds(15), Ct);
        Assert.Equal("true", headers.GetValue(VideoAlertGrpcService.SubscribedHeader));
        Assert.Equal(1, fanOut.Open);
        var raised = NewAlert(Grid1);
        await _grpc.RaiseAsync(raised);
        Assert.True(await call.ResponseStream.MoveNext(cancel.Token));
        Assert.Equal((raised.Id.ToString(), "raised"), (call.ResponseStream.Current.Alert.Id, call.ResponseStream.Current.Change));
        await cancel.CancelAsync();
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(fanOut.Open == 0), Ct));

        // A refused watch's headers lack the mark, and reading it gives the refusal.
        using var refused = _grpc.Client.WatchAlerts(new WatchAlertsRequest { OrgPath = Community }, _grpc.As(_leader, DateTime.UtcNow.AddSeconds(60), Ct));
        Assert.Null((await refused.ResponseHeadersAsync.WaitAsync(TimeSpan.FromSeconds(15), Ct)).GetValue(VideoAlertGrpcService.SubscribedHeader));
        Assert.Equal(StatusCode.PermissionDenied, await StatusOfAsync(() => refused.ResponseStream.MoveNext(Ct)));
    }

    [Fact]
    public void The_fan_out_offers_each_watch_what_its_filter_matches_and_ends_a_watcher_that_falls_too_far_behind()
    {
        var fanOut = new AlertFanOut();
        using var community = fanOut.SubscribeOrg(Governance.ServiceDefaults.Auth.OrgPath.Parse(Community));
        using var department = fanOut.SubscribeDepartment(Department);
        fanOut.Publish(NewAlert(Grid1), "raised");
        fanOut.Publish(NewAlert(OtherCommunity), "raised");
        fanOut.Publish(NewAlert("632801/001/0021"), "raised");   // a sibling whose code starts alike: not within
        fanOut.Publish(NewAlert(OtherCommunity, department: Department), "routed");
        Assert.True(community.Reader.TryRead(out var inCommunity) && inCommunity.Alert.OrgPath == Grid1);
        Assert.False(community.Reader.TryRead(out _));
        Assert.True(department.Reader.TryRead(out var routed) && routed.Change == "routed");
        Assert.False(department.Reader.TryRead(out _));

        for (var i = 0; i <= AlertFanOut.Capacity; i++) fanOut.Publish(NewAlert(Grid2), "raised");
        Assert.Equal(1, fanOut.Open);
        var kept = 0;
        while (community.Reader.TryRead(out _)) kept++;
        Assert.Equal(AlertFanOut.Capacity, kept);
        Assert.IsType<AlertWatchOverflowException>(community.Reader.Completion.Exception?.InnerException);
    }
}
