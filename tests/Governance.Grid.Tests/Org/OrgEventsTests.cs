using Governance.Contracts.Identity;
using Governance.Grid.Tests.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Grid.Tests.Infrastructure.GridHost;

namespace Governance.Grid.Tests.Org;

/// <summary>Identity's org events keep the grid's copy of the tree, in any order, once each.</summary>
public sealed class OrgEventsTests : IAsyncLifetime
{
    private GridHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await GridHost.StartAsync();
    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task PublishAsync<T>(T message, Guid? messageId = null) where T : class =>
        await _host.Services.GetRequiredService<IBus>().Publish(message, c => c.MessageId = messageId ?? NewId.NextGuid(), Ct);

    private async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        for (var i = 0; i < 100; i++)
        {
            var value = await read();
            if (done(value)) return value;
            await Task.Delay(100, Ct);
        }
        return await read();
    }

    [Fact]
    public async Task A_moved_community_takes_its_grids_and_a_late_creation_does_not_undo_the_move()
    {
        var node = await _host.QueryAsync(db => db.OrgNodes.SingleAsync(n => n.Path == Community, Ct));
        var now = DateTime.UtcNow;
        await PublishAsync(new OrgNodeChanged(node.NodeId, "632801/002/002", Community, "金峰社区", now));

        var cells = await EventuallyAsync(
            () => _host.QueryAsync(db => db.Cells.Select(c => c.CommunityPath).Distinct().ToListAsync(Ct)),
            paths => paths.SequenceEqual(["632801/002/002"]));
        Assert.Equal(["632801/002/002"], cells);
        var located = await _host.ClientAs("w", "632801", "grid_worker").GetStringAsync("/api/grid/locate?lat=36.405&lng=94.905", Ct);
        Assert.Contains("632801/002/002/001", located);

        // An older change arriving late changes nothing.
        await PublishAsync(new OrgNodeChanged(node.NodeId, "632801/009/002", Community, "旧名", now.AddMinutes(-5)));
        await Task.Delay(500, Ct);
        Assert.Equal("632801/002/002", (await _host.QueryAsync(db => db.OrgNodes.SingleAsync(n => n.NodeId == node.NodeId, Ct))).Path);
    }

    [Fact]
    public async Task A_change_before_its_creation_and_a_duplicate_creation_leave_one_right_node()
    {
        var id = Guid.NewGuid();
        var now = DateTime.UtcNow;
        await PublishAsync(new OrgNodeChanged(id, "632801/001/004", "632801/001/004", "新社区(改名)", now));
        var created = new OrgNodeCreated(id, "632801/001/004", "004", "新社区", "community", Street, now.AddSeconds(-1));
        var messageId = NewId.NextGuid();
        await PublishAsync(created, messageId);
        await PublishAsync(created, messageId);

        // The two may race in the consumers (a key conflict, then a retry): wait until both are applied.
        var node = await EventuallyAsync(() => _host.QueryAsync(db => db.OrgNodes.SingleOrDefaultAsync(n => n.NodeId == id, Ct)),
            n => n?.Level == "community" && n.Name == "新社区(改名)");
        Assert.Equal(("community", "新社区(改名)"), (node!.Level, node.Name));
        Assert.Equal(1, await _host.QueryAsync(db => db.OrgNodes.CountAsync(n => n.NodeId == id, Ct)));

        await PublishAsync(new OrgNodeRetired(id, "632801/001/004", now.AddSeconds(1)));
        await EventuallyAsync(() => _host.QueryAsync(db => db.OrgNodes.SingleAsync(n => n.NodeId == id, Ct)), n => n.Retired);
        var import = await _host.ClientAs("admin-1", "632801", "admin").PostAsync("/api/grid/cells/import?community=632801/001/004",
            new StringContent(Cells.Features.Collection(Cells.Features.Square("001", 94.95, 36.40)), System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, import.StatusCode);
    }
}
