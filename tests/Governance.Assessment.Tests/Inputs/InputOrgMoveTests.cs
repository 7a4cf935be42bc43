using Governance.Assessment.Inputs;
using Governance.Assessment.Scores;
using Governance.Assessment.Tests.Infrastructure;
using Governance.Contracts.Grid;
using Governance.Contracts.Identity;
using Governance.Contracts.VideoAlert;
using Governance.Messaging.OrgPaths;
using Microsoft.EntityFrameworkCore;

namespace Governance.Assessment.Tests.Inputs;

/// <summary>
/// Identity moves a community to another street: its grid workers' posts and reports and its cameras count under the new
/// street, and so do events that arrive afterwards still carrying the old path; a replay ends in the same place.
/// </summary>
public sealed class InputOrgMoveTests : IAsyncLifetime
{
    private AssessmentHost _host = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await AssessmentHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_moved_communitys_workers_reports_and_cameras_count_under_its_new_street_and_replay_agrees()
    {
        var (from, to) = (_host.Org("031"), _host.Org("032"));
        var (oldGrid, newCommunity) = (from + "/001/001", to + "/001");
        var worker = "w-" + Guid.NewGuid().ToString("n")[..8];
        var device = "9" + string.Concat(Enumerable.Range(0, 19).Select(_ => Random.Shared.Next(10)));
        var incident = Guid.NewGuid();
        DateTime Cst(int day, int hour) => new DateTime(2026, 10, day, hour, 0, 0, DateTimeKind.Utc).AddHours(-8);
        var before = new object[]
        {
            new GridStaffingChanged("100000000000001", oldGrid, "worker", worker, "assigned", Cst(1, 9)),
            new IncidentReported(incident, "R1", "patrol", "sanitation", "normal", "100000000000001", oldGrid, Cst(3, 9), worker),
            new CameraRegistered(device, 132, "100000000000001", oldGrid, "public", false, Cst(1, 9)),
            new CameraCameOnline(device, "100000000000001", oldGrid, Cst(1, 10)),
        };
        var ids = before.Select(_ => Guid.NewGuid()).ToList();
        for (var i = 0; i < before.Length; i++) await _host.PublishAsync(before[i], ids[i]);
        await _host.WaitForLoggedAsync(ids);

        await _host.PublishAsync(new OrgNodeChanged(Guid.NewGuid(), newCommunity, from + "/001", "幸福社区", new DateTime(2026, 11, 15, 2, 0, 0, DateTimeKind.Utc)),
            Guid.NewGuid());
        Assert.True(await AssessmentHost.WaitUntilAsync(
            () => _host.QueryAsync(db => db.Set<OrgMove>().AnyAsync(m => m.OldPath == from + "/001", Ct)), TimeSpan.FromSeconds(30)), "The move never arrived.");
        // Late, still carrying the old path: the registration that makes R1 valid, and the camera going offline on 21 October 08:00.
        var late = new object[]
        {
            new IncidentRegistered(incident, "R1", "sanitation", "normal", oldGrid, Cst(3, 10)),
            new CameraWentOffline(device, "100000000000001", oldGrid, "silent", Cst(21, 7), Cst(21, 8)),
        };
        var lateIds = late.Select(_ => Guid.NewGuid()).ToList();
        for (var i = 0; i < late.Length; i++) await _host.PublishAsync(late[i], lateIds[i]);
        await _host.WaitForLoggedAsync(lateIds);

        // One worker × 31 days, one valid report; the camera online at the samples of 1-20 October (20 of 31).
        const string Expected = "0.0323 1/31; 0.6452 20/31; 1 1/1";
        Assert.Equal(Expected, await FiguresAsync(to));
        Assert.Equal(" 0/0;  0/0;  0/0", await FiguresAsync(from)); // nothing left behind: no value, nothing counted

        using var admin = _host.ClientAs("admin-county", _host.County, "admin");
        (await admin.PostAsync("/api/assessment/replay", null, Ct)).EnsureSuccessStatusCode();
        Assert.Equal(Expected, await FiguresAsync(to));
        var paths = await _host.QueryAsync(async db => new[]
        {
            await db.Set<ReportFact>().Where(f => f.IncidentId == incident).Select(f => f.OrgPath).SingleAsync(Ct),
            await db.Set<StaffingChange>().Where(f => f.UserId == worker).Select(f => f.OrgPath).SingleAsync(Ct),
            await db.Set<CameraFact>().Where(f => f.DeviceId == device).Select(f => f.OrgPath).SingleAsync(Ct),
        });
        Assert.All(paths, p => Assert.Equal(newCommunity + "/001", p));
    }

    private async Task<string> FiguresAsync(string street)
    {
        using var assessor = _host.ClientAs("assessor-county", _host.County, "assessor");
        var figures = new List<string>();
        foreach (var code in new[] { "grid_worker_daily_valid_reports", "camera_online_rate", "camera_networking_rate" })
        {
            var r = await _host.GetAsync<Scorecards.IndicatorRecords>(assessor, $"/api/assessment/records?indicator={code}&period=2026-10&org={street}");
            figures.Add($"{r.Value} {r.Numerator}/{r.Denominator}");
        }
        return string.Join("; ", figures);
    }
}
