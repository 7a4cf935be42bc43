using Governance.Contracts.Identity;
using Governance.Mediation.Cases;
using Governance.Mediation.Tests.Infrastructure;
using Governance.Messaging.Inbox;
using Governance.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Mediation.Tests.Cases.CaseTestKit;

namespace Governance.Mediation.Tests.Org;

/// <summary>The same rewrite on SQLite and the in-memory bus, as the standalone host runs it (the statements differ by provider).</summary>
public sealed class OrgMoveOnSqliteTests : IAsyncLifetime
{
    private MediationHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await MediationHost.StartAsync(sqlite: true);
    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Moves_arriving_newest_first_still_move_the_cases_on_SQLite()
    {
        var t0 = new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);
        var labour = await RegisterAsync(_host.ClientAs("operator-root", MediationHost.County, "centre_operator"),
            Request(MediationHost.Community, category: "labour_and_wages", risk: "major", people: 12));
        var bus = _host.Services.GetRequiredService<IBus>();
        // Newest first: the old street renumbered (t3), the new street renumbered (t2), the community moved between them (t1); then a rename to wait for.
        await bus.Publish(new OrgNodeChanged(Guid.NewGuid(), "632801/006", "632801/001", "旧街道", t0.AddMinutes(3)), Ct);
        await bus.Publish(new OrgNodeChanged(Guid.NewGuid(), "632801/005", "632801/004", "新街道", t0.AddMinutes(2)), Ct);
        await bus.Publish(new OrgNodeChanged(Guid.NewGuid(), "632801/004/002", MediationHost.Community, "社区", t0.AddMinutes(1)), Ct);
        var sentinel = NewId.NextGuid();
        await bus.Publish(new OrgNodeChanged(Guid.NewGuid(), "632801", "632801", "哨兵", t0.AddMinutes(4)), c => c.MessageId = sentinel, Ct);
        Assert.True(await Eventually.HoldsAsync(() => _host.QueryAsync(db => db.Set<InboxMessage>().AnyAsync(m => m.MessageId == sentinel, Ct)), Ct));

        var moved = await _host.QueryAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == labour.Id, Ct));
        Assert.Equal(("632801/005/002", "632801/005"), (moved.OrgPath, moved.ResponsibleOrgPath));
    }
}
