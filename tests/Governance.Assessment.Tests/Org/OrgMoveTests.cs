using System.Net;
using System.Net.Http.Json;
using Governance.Assessment.Indicators;
using Governance.Assessment.Tests.Infrastructure;
using Governance.Contracts.Identity;
using Governance.Contracts.Population;
using Governance.Messaging.OrgPaths;
using Microsoft.EntityFrameworkCore;

namespace Governance.Assessment.Tests.Org;

/// <summary>
/// Identity moves a community from one street to another: its records count under the new street, for every period, and
/// so do its events that arrive afterwards still carrying the old path (a late delivery, or a producer that had not yet
/// followed the move); the department attached to it moves with it; a replay of the event log ends in the same place.
/// </summary>
public sealed class OrgMoveTests : IAsyncLifetime
{
    private AssessmentHost _host = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await AssessmentHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_moved_communitys_records_and_late_events_count_under_its_new_street_and_replay_agrees()
    {
        var (from, to) = (_host.Org("021"), _host.Org("022"));
        var (oldCommunity, newCommunity) = (from + "/001", to + "/001");
        var department = Guid.NewGuid();
        await _host.AddDepartmentAsync(department, "wsj-m", "卫生局(随社区迁移)", oldCommunity);
        var moveAt = new DateTime(2026, 11, 15, 2, 0, 0, DateTimeKind.Utc);
        RentalInspected Inspected(int day, bool onTime) =>
            new(Guid.NewGuid(), Guid.NewGuid(), new DateOnly(2026, 11, day), new DateOnly(2026, 11, onTime ? day : day - 1), onTime, "watched",
                new DateOnly(2027, 2, day), oldCommunity + "/003", new DateTime(2026, 11, day, 2, 0, 0, DateTimeKind.Utc));
        var before = Inspected(3, onTime: true);
        var ids = new List<Guid> { Guid.NewGuid() };
        await _host.PublishAsync(before, ids[0]);
        await _host.WaitForLoggedAsync(ids);

        await _host.PublishAsync(new OrgNodeChanged(Guid.NewGuid(), newCommunity, oldCommunity, "幸福社区", moveAt), Guid.NewGuid());
        Assert.True(await AssessmentHost.WaitUntilAsync(
            () => _host.QueryAsync(db => db.Set<OrgMove>().AnyAsync(m => m.OldPath == oldCommunity, Ct)), TimeSpan.FromSeconds(30)), "The move never arrived.");
        // Both still carry the old path: one happened before the move and arrives late, one after it from a producer behind.
        var late = Inspected(10, onTime: false);
        var behind = Inspected(20, onTime: true);
        ids.AddRange([Guid.NewGuid(), Guid.NewGuid()]);
        await _host.PublishAsync(late, ids[1]);
        await _host.PublishAsync(behind, ids[2]);
        await _host.WaitForLoggedAsync(ids);

        await AssertCountedUnderNewStreetAsync();
        var moved = await _host.QueryAsync(db => db.Departments.SingleAsync(d => d.DepartmentId == department.ToString(), Ct));
        Assert.Equal(newCommunity, moved.OrgPath);

        using var admin = _host.ClientAs("admin-county", _host.County, "admin");
        using var replayed = await admin.PostAsync("/api/assessment/replay", null, Ct);
        Assert.True(replayed.IsSuccessStatusCode, await replayed.Content.ReadAsStringAsync(Ct));
        var paths = await _host.QueryAsync(db => db.Inspections.Where(i => i.OrgPath.StartsWith(_host.County + "/")).Select(i => i.OrgPath).ToListAsync(Ct));
        Assert.Equal([newCommunity + "/003", newCommunity + "/003", newCommunity + "/003"], paths);
        await AssertCountedUnderNewStreetAsync();

        async Task AssertCountedUnderNewStreetAsync()
        {
            using var assessor = _host.ClientAs("assessor-county", _host.County, "assessor");
            var atNew = Rental(await _host.GetAsync<List<IndicatorValue>>(assessor, $"/api/assessment/indicator-values?org={to}&period=2026-11"));
            var atOld = Rental(await _host.GetAsync<List<IndicatorValue>>(assessor, $"/api/assessment/indicator-values?org={from}&period=2026-11"));
            Assert.Equal((2, (int?)3), (atNew.Numerator, atNew.Denominator));
            Assert.Equal((0, (int?)0), (atOld.Numerator, atOld.Denominator));
        }
    }

    private static IndicatorValue Rental(List<IndicatorValue> values) => values.Single(v => v.Code == "rental_reinspection_on_time_rate");
}
