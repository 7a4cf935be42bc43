using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Data;
using Governance.VideoAlert.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Governance.VideoAlert.Tests.Routing;

/// <summary>The router is woken when a new alert is committed, however it was created, and not before the commit.</summary>
public sealed class AlertCommitSignalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_alert_wakes_the_router_once_committed_and_other_saves_do_not()
    {
        var signal = new AlertCommitSignal();
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(Ct);
        var options = new DbContextOptionsBuilder<VideoAlertDb>().UseSqlite(connection).AddInterceptors(new AlertCommitInterceptor(signal)).Options;
        await using var db = new VideoAlertDb(options);
        await db.Database.EnsureCreatedAsync(Ct);

        var alert = NewAlert();
        db.Alerts.Add(alert);
        await db.SaveChangesAsync(Ct);
        Assert.True(await signal.WaitAsync(TimeSpan.Zero, Ct), "woken by its own save");

        alert.Count = 2;
        await db.SaveChangesAsync(Ct);
        Assert.False(await signal.WaitAsync(TimeSpan.Zero, Ct), "a change to an alert is not a new alert");

        await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
        {
            db.Alerts.Add(NewAlert());
            await db.SaveChangesAsync(Ct);
            Assert.False(await signal.WaitAsync(TimeSpan.Zero, Ct), "not before the commit: the router would not see it");
            await transaction.CommitAsync(Ct);
        }
        Assert.True(await signal.WaitAsync(TimeSpan.Zero, Ct), "woken by the commit");
    }

    private static Alert NewAlert() => new()
    {
        Id = Guid.CreateVersion7(), CameraId = "63280100001320000001", Kind = AlertKinds.FireSmoke, Method = AlertMethods.Video, Priority = 1,
        FirstAt = DateTime.UtcNow, LastAt = DateTime.UtcNow, Grouping = false, OrgPath = "632801",
    };
}
