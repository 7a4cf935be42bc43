namespace Governance.Messaging.Tests.Outbox;

public sealed class OutboxCrashTests
{
    [Fact]
    public async Task Writer_killed_twice_mid_stream_loses_no_event_and_none_is_processed_twice()
    {
        await using var scenario = await LedgerScenario.StartAsync();

        await using (var first = scenario.StartWriter())
        {
            await first.WaitForWrittenAsync(200, TimeSpan.FromMinutes(2));
            await first.KillAsync();
        }
        await using (var second = scenario.StartWriter())
        {
            await second.WaitForWrittenAsync(600, TimeSpan.FromMinutes(2));
            await second.KillAsync();
        }
        await using (var last = scenario.StartWriter())
        {
            await last.WaitForDrainedAsync(TimeSpan.FromMinutes(3));
            Assert.Equal(0, await last.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        Assert.True(await scenario.WaitForAllReceivedAsync(TimeSpan.FromSeconds(90)), "not every event arrived");
        var verdict = await scenario.VerdictAsync();
        Assert.Equal(LedgerScenario.Events, verdict.Distinct);
        Assert.Equal(0, verdict.Lowest);
        Assert.Equal(LedgerScenario.Events - 1, verdict.Highest);
        Assert.Equal(0, verdict.ProcessedTwice);
        Assert.Equal(0, verdict.OutOfOrder);
    }
}
