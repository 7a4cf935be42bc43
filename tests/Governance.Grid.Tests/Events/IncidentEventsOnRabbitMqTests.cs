using System.Text.Json;
using Governance.Contracts.Grid;
using Governance.Contracts.Grid.V1;
using Governance.Grid.Tests.Grpc;
using Governance.Grid.Tests.Incidents;
using Governance.Grid.Tests.Infrastructure;
using static Governance.Grid.Tests.Infrastructure.GridHost;

namespace Governance.Grid.Tests.Events;

/// <summary>The grid service on the real RabbitMQ: each transition's event reaches a consumer that is not the service.</summary>
public sealed class IncidentEventsOnRabbitMqTests : IAsyncLifetime
{
    private const string Prefix = "grid-events-test";
    private static readonly string Ns = typeof(IncidentReported).Namespace!;
    private GridHost _host = null!;
    private BusListener _bus = null!;

    public async ValueTask InitializeAsync()
    {
        _bus = await BusListener.StartAsync(Ns, nameof(IncidentReported), nameof(IncidentRegistered), nameof(IncidentDispatched),
            nameof(IncidentTransitioned), nameof(IncidentClosed), nameof(IncidentEvaluated));
        _host = await GridHost.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = TestRabbitMq.ConnectionString,
            ["Messaging:ServiceName"] = Prefix,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _bus.DisposeAsync();
        // The host's durable queues (its org, department and mediation consumers); the watch queue was temporary and went with it.
        await TestRabbitMq.DeleteQueuesOfAsync(Prefix);
    }

    [Fact]
    public async Task Every_transition_of_the_loop_is_published_on_RabbitMQ()
    {
        using var grpc = new GridGrpc(_host);
        var handler = grpc.Token("handler-1", "632801", "department_handler", Department);
        var @operator = _host.ClientAs("operator-1", Street, "centre_operator");
        var leader = _host.ClientAs("leader-1", Grid1, "grid_leader");

        var reported = (await grpc.ReportAsync(handler)).Incident;
        var id = reported.Id;
        bool Ours(JsonElement m) => m.GetProperty("incidentId").GetString() == id;
        async Task Transition(string action) =>
            await _bus.NextAsync(nameof(IncidentTransitioned), m => Ours(m) && m.GetProperty("action").GetString() == action);

        var e = await _bus.NextAsync(nameof(IncidentReported), Ours);
        Assert.Equal((reported.Number, "department", "632801001002001", "handler-1"), (e.GetProperty("number").GetString(), e.GetProperty("source").GetString(),
            e.GetProperty("gridCode").GetString(), e.GetProperty("reportedByStaff").GetString()));
        await Transition("report");

        await @operator.StepAsync(Guid.Parse(id), "register", new { urgency = "urgent" });
        Assert.Equal("urgent", (await _bus.NextAsync(nameof(IncidentRegistered), Ours)).GetProperty("urgency").GetString());
        await @operator.StepAsync(Guid.Parse(id), "dispatch", new { departmentId = Department });
        Assert.Equal(Department, (await _bus.NextAsync(nameof(IncidentDispatched), Ours)).GetProperty("departmentId").GetString());

        await grpc.Client.AcceptIncidentAsync(new AcceptIncidentRequest { IncidentId = id }, grpc.As(handler)).ResponseAsync;
        await Transition("accept");
        await grpc.Client.SubmitFeedbackAsync(new SubmitFeedbackRequest { IncidentId = id, Note = "已处理" }, grpc.As(handler)).ResponseAsync;
        await Transition("feedback");
        await leader.StepAsync(Guid.Parse(id), "verify", new { passed = true });
        await Transition("verify");
        await @operator.StepAsync(Guid.Parse(id), "close", new { });
        var closed = await _bus.NextAsync(nameof(IncidentClosed), Ours);
        Assert.Equal((Department, 0), (closed.GetProperty("departmentId").GetString(), closed.GetProperty("reworks").GetInt32()));
        await @operator.StepAsync(Guid.Parse(id), "evaluate", new { satisfaction = 4 });
        Assert.Equal(4, (await _bus.NextAsync(nameof(IncidentEvaluated), Ours)).GetProperty("satisfaction").GetInt32());
    }

    [Fact]
    public async Task A_watch_receives_a_dispatch_through_RabbitMQ()
    {
        using var grpc = new GridGrpc(_host);
        var handler = grpc.Token("handler-1", "632801", "department_handler", Department);
        var @operator = _host.ClientAs("operator-1", Street, "centre_operator");
        async Task<string> DispatchAsync()
        {
            var id = Guid.Parse((await grpc.ReportAsync(handler)).Incident.Id);
            await @operator.StepAsync(id, "register", new { });
            await @operator.StepAsync(id, "dispatch", new { departmentId = Department });
            return id.ToString();
        }
        var earlier = await DispatchAsync();
        var stream = grpc.Watch(handler, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        try
        {
            // The first message comes once the watch is subscribed: what follows can only come from this replica's own queue.
            Assert.True(await stream.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
            Assert.Equal((earlier, false), (stream.Current.Incident.Id, stream.Current.Live));
            var later = await DispatchAsync();
            Assert.True(await stream.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
            Assert.Equal((later, true), (stream.Current.Incident.Id, stream.Current.Live));
        }
        finally
        {
            await stream.DisposeAsync();
        }
    }
}
