using System.Text.Json;
using Governance.Contracts.VideoAlert.V1;
using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Grpc;
using Governance.VideoAlert.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Governance.VideoAlert.Tests.Grpc.VideoAlertGrpc;
using static Governance.VideoAlert.Tests.Infrastructure.VideoAlertHost;

namespace Governance.VideoAlert.Tests.Grpc;

public sealed class VideoAlertGrpcInteropTests : IAsyncLifetime
{
    private VideoAlertHost _host = null!;
    private VideoAlertGrpc _grpc = null!;

    // On RabbitMQ, so the watch's queue is the replica's own temporary one, as in the cluster.
    private const string Prefix = "videoalert-watch-interop";

    public async ValueTask InitializeAsync()
    {
        _host = await VideoAlertHost.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = TestRabbitMq.ConnectionString,
            ["Messaging:ServiceName"] = Prefix,
        });
        _grpc = new VideoAlertGrpc(_host);
    }

    public async ValueTask DisposeAsync()
    {
        _grpc.Dispose();
        await _host.DisposeAsync();
        await TestRabbitMq.DeleteQueuesOfAsync(Prefix);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Python_grpcio_watches_a_community_and_receives_its_new_alerts_and_not_another_communitys()
    {
        var fanOut = _host.Services.GetRequiredService<AlertFanOut>();
        // A county-wide watch in C# shows when the replica has handled the alert outside the community.
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await using var county = _grpc.Watch(_grpc.Token("op-county", County, "centre_operator"), new WatchAlertsRequest { OrgPath = County }, cancel.Token)
            .GetAsyncEnumerator(cancel.Token);
        var countySees = county.MoveNextAsync().AsTask();
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(fanOut.Open == 1), Ct));

        var python = PythonScript.RunAsync(Path.Combine(AppContext.BaseDirectory, "Grpc", "Interop", "alert_watch_client.py"),
            [$"127.0.0.1:{_host.Grpc.Port}", _grpc.Token("leader-c", Community, "grid_leader"), Community, "2"], Ct);
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(fanOut.Open == 2 || python.IsCompleted), Ct));
        Assert.False(python.IsCompleted, python.IsFaulted ? python.Exception!.ToString() : "the script ended before it watched");

        var elsewhere = NewAlert(OtherCommunity + "/001");
        await _grpc.RaiseAsync(elsewhere);
        Assert.True(await countySees.WaitAsync(TimeSpan.FromSeconds(15), Ct));
        Assert.Equal(elsewhere.Id.ToString(), county.Current.Alert.Id);
        var fire = NewAlert(Grid1);
        var flood = NewAlert(Grid2, AlertKinds.Flooding, department: Department);
        await _grpc.RaiseAsync(fire);
        await _grpc.RouteAsync(flood);

        var r = JsonDocument.Parse(await python).RootElement;
        var received = r.GetProperty("received").EnumerateArray()
            .Select(x => (x.GetProperty("id").GetString(), x.GetProperty("change").GetString(), x.GetProperty("status").GetString(), x.GetProperty("org_path").GetString()))
            .OrderBy(x => x.Item4).ToList();
        Assert.Equal([(fire.Id.ToString(), "raised", "open", Grid1), (flood.Id.ToString(), "routed", "routed", Grid2)], received);
        Assert.Equal("UNAUTHENTICATED", r.GetProperty("anonymous")[0].GetString());
        Assert.Equal("INVALID_ARGUMENT", r.GetProperty("no_filter")[0].GetString());
        await cancel.CancelAsync();
    }
}
