using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.Identity;
using Governance.Grid.Tests.Incidents;
using Governance.Grid.Tests.Infrastructure;
using Governance.Messaging.Inbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Grid.Tests.Infrastructure.GridHost;

namespace Governance.Grid.Tests.Dispatch;

/// <summary>
/// The grid's copy of identity's departments, fed by identity's events over the real RabbitMQ: in any
/// order, once each. A dispatch names only a department the copy holds, live, on the incident's branch.
/// </summary>
public sealed class DepartmentCopyTests : IAsyncLifetime
{
    private const string Prefix = "grid-departments-test";
    private GridHost _host = null!;
    private HttpClient _worker = null!, _operator = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await GridHost.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = TestRabbitMq.ConnectionString,
            ["Messaging:ServiceName"] = Prefix,
        });
        _worker = _host.ClientAs("worker-1", Grid1, "grid_worker");
        _operator = _host.ClientAs("operator-1", Street, "centre_operator");
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await TestRabbitMq.DeleteQueuesOfAsync(Prefix);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task PublishAsync<T>(T message, Guid? messageId = null) where T : class =>
        await _host.Services.GetRequiredService<IBus>().Publish(message, c => c.MessageId = messageId ?? NewId.NextGuid(), Ct);

    private Task<Governance.Grid.Departments.DepartmentReplica?> CopyAsync(Guid id) =>
        _host.QueryAsync(db => db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.DepartmentId == id.ToString(), Ct));

    private async Task<Guid> RegisteredAsync()
    {
        var reported = await _worker.ReportAsync();
        await _operator.StepAsync(reported.Id, "register", new { });
        return reported.Id;
    }

    [Fact]
    public async Task A_department_published_by_identity_can_be_dispatched_to_until_it_is_retired()
    {
        var id = Guid.NewGuid();
        var node = Guid.NewGuid();
        var now = DateTime.UtcNow;
        var created = new DepartmentCreated(id, "housing", "住建局", "housing", node, "632801", now);
        var messageId = NewId.NextGuid();
        await PublishAsync(created, messageId);
        await PublishAsync(created, messageId); // a redelivery: applied once
        Assert.True(await Eventually.HoldsAsync(async () => await CopyAsync(id) is { Known: true }, Ct));

        var incident = await RegisteredAsync();
        var dispatched = await _operator.StepAsync(incident, "dispatch", new { departmentId = id.ToString() });
        Assert.Equal(("dispatched", id.ToString()), (dispatched.State, dispatched.DepartmentId));

        await PublishAsync(new DepartmentChanged(id, "housing", "住房和城乡建设局", "housing", node, "632801", now.AddSeconds(1)));
        await PublishAsync(new DepartmentRetired(id, "housing", node, "632801", now.AddSeconds(2)));
        // The rename and the retirement travel on two queues, in either order: both land whichever comes first.
        Assert.True(await Eventually.HoldsAsync(async () => await CopyAsync(id) is { Retired: true, Name: "住房和城乡建设局" }, Ct));

        var next = await RegisteredAsync();
        var (status, problem) = await _operator.TryStepAsync(next, "dispatch", new { departmentId = id.ToString() });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("已撤销", problem.GetProperty("errors").GetProperty("departmentId")[0].GetString());
    }

    [Fact]
    public async Task Events_in_any_order_leave_the_newest_state_and_a_retirement_is_never_undone()
    {
        var id = Guid.NewGuid();
        var node = Guid.NewGuid();
        var now = DateTime.UtcNow;
        // The retirement first, then the rename, then the creation: the copy ends retired, with the rename's name.
        await PublishAsync(new DepartmentRetired(id, "psb", node, "632801", now.AddSeconds(2)));
        Assert.True(await Eventually.HoldsAsync(async () => await CopyAsync(id) is { Retired: true }, Ct));
        await PublishAsync(new DepartmentChanged(id, "psb", "公安局(新)", "public_security", node, "632801", now.AddSeconds(1)));
        Assert.True(await Eventually.HoldsAsync(async () => await CopyAsync(id) is { Known: true }, Ct));
        await PublishAsync(new DepartmentCreated(id, "psb", "公安局", "public_security", node, "632801", now));
        // The creation is older than what the copy holds: once it is consumed (the inbox has it), nothing changed.
        Assert.True(await Eventually.HoldsAsync(async () => await _host.QueryAsync(db => db.Set<InboxMessage>().CountAsync(Ct)) >= 3, Ct));
        var copy = (await CopyAsync(id))!;
        Assert.Equal(("公安局(新)", "public_security", true, true), (copy.Name, copy.Kind, copy.Retired, copy.Known));
    }

    [Fact]
    public async Task A_restatement_fills_in_a_department_the_copy_never_had_and_a_stale_one_never_undoes_a_newer_change()
    {
        var id = Guid.NewGuid();
        var node = Guid.NewGuid();
        var now = DateTime.UtcNow;
        // Created before identity published department events: the restatement at identity's start is the first the copy hears of it.
        await PublishAsync(new DepartmentRestated(id, "housing", "住建局", "housing", node, "632801", Retired: false, Version: 1, now));
        Assert.True(await Eventually.HoldsAsync(async () => await CopyAsync(id) is { Known: true }, Ct));
        var incident = await RegisteredAsync();
        Assert.Equal(id.ToString(), (await _operator.StepAsync(incident, "dispatch", new { departmentId = id.ToString() })).DepartmentId);

        // A rename (version 2), then a restatement read before it (version 1) delivered after it: the rename stands.
        await PublishAsync(new DepartmentChanged(id, "housing", "住房和城乡建设局", "housing", node, "632801", now.AddSeconds(1), Version: 2));
        Assert.True(await Eventually.HoldsAsync(async () => await CopyAsync(id) is { Version: 2 }, Ct));
        await PublishAsync(new DepartmentRestated(id, "housing", "住建局", "housing", node, "632801", Retired: false, Version: 1, now.AddSeconds(5)));
        // A restatement of the same version that is the copy's (a second identity replica's start) changes nothing either.
        await PublishAsync(new DepartmentRestated(id, "housing", "住房和城乡建设局", "housing", node, "632801", Retired: false, Version: 2, now.AddSeconds(6)));
        Assert.True(await Eventually.HoldsAsync(async () =>
            await _host.QueryAsync(db => db.Set<InboxMessage>().CountAsync(m => m.Consumer.Contains("DepartmentRestated"), Ct)) >= 3, Ct));
        var copy = (await CopyAsync(id))!;
        Assert.Equal(("住房和城乡建设局", 2, false), (copy.Name, copy.Version, copy.Retired));

        // The retirement (version 3) is final: a restatement that says it is live, from before, never brings it back.
        await PublishAsync(new DepartmentRetired(id, "housing", node, "632801", now.AddSeconds(7), Version: 3));
        Assert.True(await Eventually.HoldsAsync(async () => await CopyAsync(id) is { Retired: true }, Ct));
        await PublishAsync(new DepartmentRestated(id, "housing", "住房和城乡建设局", "housing", node, "632801", Retired: false, Version: 2, now.AddSeconds(8)));
        Assert.True(await Eventually.HoldsAsync(async () =>
            await _host.QueryAsync(db => db.Set<InboxMessage>().CountAsync(m => m.Consumer.Contains("DepartmentRestated"), Ct)) >= 4, Ct));
        // Retired for good; the state it holds (name, code, kind) is still version 2's, since a retirement carries none.
        Assert.Equal((true, 2), ((await CopyAsync(id))!.Retired, (await CopyAsync(id))!.Version));
        var next = await RegisteredAsync();
        var (status, _) = await _operator.TryStepAsync(next, "dispatch", new { departmentId = id.ToString() });
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Theory]
    [InlineData("not-a-department", "没有已知的部门")]
    [InlineData(RetiredDepartment, "已撤销")]
    [InlineData(OtherCountyDepartment, "不负责")]
    [InlineData("", "请指明派遣到的部门")]
    public async Task A_dispatch_to_an_unknown_retired_or_foreign_department_is_refused_naming_the_field_and_changes_nothing(string department, string says)
    {
        var incident = await RegisteredAsync();
        var (status, problem) = await _operator.TryStepAsync(incident, "dispatch", new { departmentId = department });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(says, problem.GetProperty("errors").GetProperty("departmentId")[0].GetString());

        // The same for an assisting department, named by its place in the list.
        (status, problem) = await _operator.TryStepAsync(incident, "dispatch", new { departmentId = Department, assistingDepartmentIds = new[] { WaterDepartment, department } });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("assistingDepartmentIds[1]", out _), problem.ToString());

        var stored = await _host.QueryAsync(db => db.Incidents.SingleAsync(i => i.Id == incident, Ct));
        Assert.Equal(("Registered", null), (stored.State.ToString(), stored.DepartmentId));
        Assert.Equal(0, await _host.QueryAsync(db => db.IncidentParts.CountAsync(Ct)));
    }
}
