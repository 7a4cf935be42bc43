using Governance.Contracts.Identity;
using Governance.Grid.Org;
using Governance.Grid.Tests.Infrastructure;
using Governance.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Grid.Tests.Org;

/// <summary>
/// The grid service on the real RabbitMQ with a tree of its own: county 632803, streets 001 and 004,
/// communities 001/002 (two grids) and 001/003. Its own county, so that org events published here
/// and bound to every grid host on the broker move nothing of another test's 632801.
/// </summary>
internal sealed class OrgMoveHost : IAsyncDisposable
{
    public const string County = "632803";
    public const string OldStreet = "632803/001";
    public const string NewStreet = "632803/004";
    public const string Community = "632803/001/002";
    public const string Neighbour = "632803/001/003";
    public const string MovedCommunity = "632803/004/002";
    public const string GridCode = "632803001002001";

    private readonly string _prefix = $"grid-orgmove-{Guid.NewGuid():n}"[..24];

    public GridHost Host { get; private set; } = null!;
    public Guid CommunityId { get; } = Guid.NewGuid();
    public Guid NeighbourId { get; } = Guid.NewGuid();
    public Guid OldStreetId { get; } = Guid.NewGuid();
    public Guid NewStreetId { get; } = Guid.NewGuid();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<OrgMoveHost> StartAsync()
    {
        var host = new OrgMoveHost();
        host.Host = await GridHost.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = TestRabbitMq.ConnectionString,
            ["Messaging:ServiceName"] = host._prefix,
        });
        await host.Host.SeedAsync(db => db.OrgNodes.AddRange(
            new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = County, Name = "测试市", Level = "county" },
            new OrgNodeReplica { NodeId = host.OldStreetId, Path = OldStreet, Name = "旧街道", Level = "street" },
            new OrgNodeReplica { NodeId = host.NewStreetId, Path = NewStreet, Name = "新街道", Level = "street" },
            new OrgNodeReplica { NodeId = host.CommunityId, Path = Community, Name = "迁移社区", Level = "community" },
            new OrgNodeReplica { NodeId = host.NeighbourId, Path = Neighbour, Name = "邻居社区", Level = "community" }));
        var imported = await host.Host.ClientAs("admin-1", County, "admin").PostAsync($"/api/grid/cells/import?community={Community}",
            new StringContent(Cells.Features.Collection(Cells.Features.Square("001", 95.50, 36.50), Cells.Features.Square("002", 95.51, 36.50)),
                System.Text.Encoding.UTF8, "application/geo+json"), Ct);
        imported.EnsureSuccessStatusCode();
        return host;
    }

    /// <summary>Publishes on the broker, as identity's outbox does, with the message id given (a redelivery) or a new one.</summary>
    public Task PublishAsync<T>(T message, Guid? messageId = null) where T : class =>
        Host.Services.GetRequiredService<IBus>().Publish(message, c => c.MessageId = messageId ?? NewId.NextGuid(), Ct);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await TestRabbitMq.DeleteQueuesOfAsync(_prefix);
    }
}
