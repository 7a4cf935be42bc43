using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.Identity;
using Governance.Messaging.Inbox;
using Governance.Messaging.OrgPaths;
using Governance.Population.Tests.Infrastructure;
using Governance.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Population.Tests.Infrastructure.PopulationHost;

namespace Governance.Population.Tests.Org;

/// <summary>
/// Records follow their org: a community moves to another street (identity's OrgNodeChanged on the host's bus) and
/// its residents and houses go with it; the old street's staff lose them, the new street's gain them, and the old
/// path is refused for new records.
/// </summary>
public sealed class OrgMoveTests : IAsyncLifetime
{
    private const string NewStreet = "632801/004";
    private const string MovedCommunity = "632801/004/002";
    private static readonly DateTime T0 = new(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);
    private PopulationHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await PopulationHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task MoveCommunityAsync()
    {
        var bus = _host.Services.GetRequiredService<IBus>();
        await bus.Publish(new OrgNodeChanged(Guid.NewGuid(), MovedCommunity, Community, "金峰社区", T0), Ct);
        // A rename published after it on the same queue: once its inbox row is there, the move has been applied.
        var sentinel = NewId.NextGuid();
        await bus.Publish(new OrgNodeChanged(Guid.NewGuid(), County, County, "哨兵", T0.AddMinutes(1)), c => c.MessageId = sentinel, Ct);
        Assert.True(await Eventually.HoldsAsync(() => _host.QueryAsync(db => db.Set<InboxMessage>().AnyAsync(m => m.MessageId == sentinel, Ct)), Ct));
    }

    [Fact]
    public async Task A_community_moved_to_another_street_takes_its_residents_and_houses_and_the_old_street_loses_them()
    {
        var person = await People.RegisterAsync(_host.GridWorker(), People.Registered());
        using var registered = await _host.GridWorker().PostAsJsonAsync("/api/population/houses",
            new { kind = "compound", code = "01", name = "幸福小区", orgPath = Grid1 }, Ct);
        var house = (await registered.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        await MoveCommunityAsync();

        var movedGrid = MovedCommunity + "/001";
        Assert.Equal(movedGrid, await _host.QueryAsync(db => db.Persons.Where(p => p.Id == person).Select(p => p.OrgPath).SingleAsync(Ct)));
        Assert.Equal(movedGrid, await _host.QueryAsync(db => db.Houses.Where(h => h.Id == house).Select(h => h.OrgPath).SingleAsync(Ct)));
        var oldStreet = _host.ClientAs("leader-old", Street, "grid_leader");
        var newStreet = _host.ClientAs("leader-new", NewStreet, "grid_leader");
        Assert.Equal(HttpStatusCode.NotFound, (await oldStreet.GetAsync($"/api/population/persons/{person}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newStreet.GetAsync($"/api/population/persons/{person}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await oldStreet.GetAsync($"/api/population/houses/{house}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newStreet.GetAsync($"/api/population/houses/{house}", Ct)).StatusCode);

        // A caller's system that still holds the old code is told the current one.
        using var stale = await _host.ClientAs("gw-2", County, "grid_worker").PostAsJsonAsync("/api/population/persons",
            People.Registered(number: People.LiId, org: Grid1), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Equal("orgPath", (await stale.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Single().Name);
    }

    [Fact]
    public async Task A_person_registered_while_their_community_moves_is_refused_not_left_at_the_old_path()
    {
        // The move as identity's event applies it (OrgNodeChangedConsumer): org events' lock taken, paths rewritten,
        // the move logged - and not yet committed while the registration comes in.
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.PopulationDb>();
        var registering = await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var move = await db.Database.BeginTransactionAsync(ct);
            await OrgMoves.LockAsync(db, ct);
            await OrgMoves.ApplyAsync(db, Guid.NewGuid(), Community, MovedCommunity, T0, Population.Org.PopulationOrgPaths.Columns, ct);
            await db.SaveChangesAsync(ct);

            var registering = _host.GridWorker().PostAsJsonAsync("/api/population/persons", People.Registered(org: Grid1), ct);
            // It waits for the move: the registration holds org events off while it saves, and the move holds them now.
            Assert.True(await Eventually.HoldsAsync(async () => await _host.QueryAsync(d => d.Database
                .SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())").SingleAsync(ct)) == 1, ct));
            Assert.False(registering.IsCompleted);
            await move.CommitAsync(ct);
            return registering;
        }, Ct);

        using var refused = await registering;
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains(MovedCommunity, problem.GetProperty("errors").GetProperty("orgPath")[0].GetString());
        Assert.Equal(0, await _host.QueryAsync(d => d.Persons.CountAsync(Ct)));
    }
}
