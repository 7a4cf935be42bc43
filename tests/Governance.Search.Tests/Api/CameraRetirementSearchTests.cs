using Governance.Contracts.VideoAlert;
using Governance.Messaging.Inbox;
using Governance.Search.Backends;
using Governance.Search.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Governance.Search.Tests.Api;

/// <summary>
/// A camera video-alert retires: its own host, so its late events never touch the rows SearchApiTests' rebuild test counts.
/// </summary>
public sealed class CameraRetirementSearchTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private SearchHost Host { get; set; } = null!;

    public async ValueTask InitializeAsync() => Host = await SearchHost.StartAsync();

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();

    [Fact]
    public async Task A_retired_camera_stays_findable_marked_retired_even_when_an_earlier_status_arrives_after()
    {
        const string device = "63280100001320000777";
        var at = new DateTime(2026, 11, 21, 8, 0, 0, DateTimeKind.Utc);
        Guid[] ids = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
        await Host.PublishAsync(new CameraRegistered(device, 132, "100000000000001", Host.Org("003"), "public", false, at), ids[0]);
        await Host.PublishAsync(new CameraRetired(device, "100000000000001", Host.Org("003"), "拆除", at.AddDays(2)), ids[1]);
        await Host.PublishAsync(new CameraCameOnline(device, "100000000000001", Host.Org("003"), at.AddDays(1)), ids[2]);
        // All three folded and the row indexed before the search.
        Assert.True(await SearchHost.WaitUntilAsync(async () =>
            await Host.QueryAsync(db => db.Set<InboxMessage>().CountAsync(m => ids.Contains(m.MessageId), Ct)) == ids.Length
            && await Host.QueryAsync(db => db.Documents.AnyAsync(d => d.Id == $"camera:{device}" && !d.Pending, Ct)),
            TimeSpan.FromSeconds(30)), "The camera's events were never all folded and indexed.");
        using var op = Host.ClientAs("op-retired", Host.Org("003"), "centre_operator");
        Assert.True(await SearchHost.WaitUntilAsync(async () =>
            (await Host.GetAsync<SearchResult>(op, "/api/search?q=" + device)).Hits.FirstOrDefault(h => h.Id == $"camera:{device}") is { Status: "retired" },
            TimeSpan.FromSeconds(30)), "The camera never showed as retired.");
        Assert.Contains((await Host.GetAsync<SearchResult>(op, "/api/search?q=" + Uri.EscapeDataString("已撤除"))).Hits, h => h.Id == $"camera:{device}");
    }
}
