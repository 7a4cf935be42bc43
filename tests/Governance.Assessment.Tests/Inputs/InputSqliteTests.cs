using Governance.Assessment.Inputs;
using Governance.Assessment.Scores;
using Governance.Assessment.Tests.Infrastructure;
using Governance.Contracts.Grid;

namespace Governance.Assessment.Tests.Inputs;

/// <summary>The standalone host's engine: the inputs' history gives the hand-worked figures on SQLite, redelivered and replayed.</summary>
public sealed class InputSqliteTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_SQLite_reports_per_day_and_camera_rates_are_as_worked_out_by_hand_before_and_after_a_replay()
    {
        await using var host = await AssessmentHost.StartAsync(sqlite: true);
        var street = host.Org("011");
        var history = new InputHistory(street, host.Org("012"));
        var original = history.Events.Select(e => (Event: e, MessageId: Guid.NewGuid())).ToList();
        // Every event again under another id (a republished copy): still one row each.
        var events = original.Concat(original.Select(e => (e.Event, MessageId: Guid.NewGuid()))).ToList();
        await Task.WhenAll(events.Select(e => host.PublishAsync(e.Event, e.MessageId)));
        await host.WaitForLoggedAsync(events.Where(e => e.Event is not IncidentTransitioned t || InputFolder.Invalidates(t)).Select(e => e.MessageId));

        using var assessor = host.ClientAs("assessor-county", host.County, "assessor");
        async Task<string> FiguresAsync() => string.Join("; ", await Task.WhenAll(
            new[] { "grid_worker_daily_valid_reports", "camera_online_rate", "camera_networking_rate" }.Select(async code =>
            {
                var r = await host.GetAsync<Scorecards.IndicatorRecords>(assessor, $"/api/assessment/records?indicator={code}&period=2026-10&org={street}");
                return $"{r.Value} {r.Numerator}/{r.Denominator}";
            })));
        // The arithmetic is in InputIndicatorTests.
        const string Expected = "0.0430 4/93; 0.8993 134/149; 0.8 4/5";
        Assert.Equal(Expected, await FiguresAsync());

        using var admin = host.ClientAs("admin-county", host.County, "admin");
        (await admin.PostAsync("/api/assessment/replay", null, Ct)).EnsureSuccessStatusCode();
        Assert.Equal(Expected, await FiguresAsync());
    }
}
