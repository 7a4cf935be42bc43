using Governance.Contracts.Grid.V1;
using Governance.Grid.Grpc;
using Governance.Grid.Tests.Incidents;
using Governance.Grid.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Grid.Tests.Infrastructure.GridHost;

namespace Governance.Grid.Tests.Grpc;

public sealed class WatchDispatchedTests : IAsyncLifetime
{
    private GridHost _host = null!;
    private GridGrpc _grpc = null!;
    private HttpClient _operator = null!;
    private string _handler = "";

    public async ValueTask InitializeAsync()
    {
        _host = await GridHost.StartAsync();
        _grpc = new GridGrpc(_host);
        _operator = _host.ClientAs("operator-1", Street, "centre_operator");
        _handler = _grpc.Token("handler-1", "632801", "department_handler", Department);
    }

    public async ValueTask DisposeAsync()
    {
        _grpc.Dispose();
        await _host.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private DispatchFanOut FanOut => _host.Services.GetRequiredService<DispatchFanOut>();

    private async Task<string> DispatchAsync(string department = Department)
    {
        var id = Guid.Parse((await _grpc.ReportAsync(_handler)).Incident.Id);
        await _operator.StepAsync(id, "register", new { });
        await _operator.StepAsync(id, "dispatch", new { departmentId = department });
        return id.ToString();
    }

    private static async Task<DispatchedIncident> NextAsync(IAsyncEnumerator<DispatchedIncident> stream)
    {
        Assert.True(await stream.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15), Ct), "the watch ended");
        return stream.Current;
    }

    [Fact]
    public async Task The_watch_sends_what_is_dispatched_then_a_dispatch_made_after_it_opened_and_ends_when_cancelled()
    {
        var earlier = await DispatchAsync();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var stream = _grpc.Watch(_handler, cancel.Token).GetAsyncEnumerator(cancel.Token);
        try
        {
            var first = await NextAsync(stream);
            Assert.Equal((earlier, false, "dispatched"), (first.Incident.Id, first.Live, first.Incident.State));

            await DispatchAsync(WaterDepartment);     // another department's: not sent here
            var later = await DispatchAsync();
            var live = await NextAsync(stream);
            Assert.Equal((later, true, Department), (live.Incident.Id, live.Live, live.Incident.DepartmentId));
            Assert.Equal(1, FanOut.Open);

            await cancel.CancelAsync();
            var ended = await Assert.ThrowsAnyAsync<Exception>(async () => await stream.MoveNextAsync());
            Assert.True(ended is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled }, ended.ToString());
        }
        finally
        {
            await stream.DisposeAsync();
        }
        await WaitUntilAsync(() => FanOut.Open == 0);
    }

    [Fact]
    public async Task The_watch_ends_at_its_deadline_and_needs_a_department()
    {
        var stream = _grpc.Watch(_handler, Ct, DateTime.UtcNow.AddSeconds(1)).GetAsyncEnumerator(Ct);
        var error = await Assert.ThrowsAsync<RpcException>(async () => { while (await stream.MoveNextAsync()) { } });
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        await stream.DisposeAsync();
        await WaitUntilAsync(() => FanOut.Open == 0);

        var noDepartment = _grpc.Watch(_grpc.Token("handler-0", "632801", "department_handler"), Ct).GetAsyncEnumerator(Ct);
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await noDepartment.MoveNextAsync());
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        await noDepartment.DisposeAsync();
    }

    [Fact]
    public void A_watcher_that_falls_too_far_behind_is_ended_not_silently_skipped()
    {
        var fanOut = new DispatchFanOut();
        using var slow = fanOut.Subscribe(Department);
        for (var i = 0; i <= DispatchFanOut.Capacity; i++)
            fanOut.Publish(new Contracts.Grid.IncidentDispatched(Guid.NewGuid(), $"n{i}", Department, "c", "normal", Grid1, DateTime.UtcNow, 0, DateTime.UtcNow));
        Assert.Equal(0, fanOut.Open);
        var kept = 0;
        while (slow.Reader.TryRead(out _)) kept++;
        Assert.Equal(DispatchFanOut.Capacity, kept);
        Assert.IsType<WatchOverflowException>(slow.Reader.Completion.Exception?.InnerException);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(100, Ct);
        Assert.True(condition());
    }
}
