using Governance.Testing;

namespace Governance.Messaging.Tests.Outbox;

public sealed class BrokerOutageTests
{
    // Batches of 1: the strict mode, where each aggregate's order holds through the outages too.
    // Batches of 32 (the default): nothing lost, nothing processed twice; order holds within a batch
    // only, since MassTransit hands a redelivered burst to batches in no fixed order.
    [Theory]
    [InlineData(1)]
    [InlineData(32)]
    public async Task Broker_stopped_three_times_while_events_are_written_loses_nothing_and_both_sides_recover(int inboxBatchSize)
    {
        await using var scenario = await LedgerScenario.StartAsync(inboxBatchSize);
        // Slow enough that writing goes on through the outages; a short outbox backoff so that the test
        // ends soon after. Nothing restarts the bus: both sides come back through MassTransit's own
        // reconnection (docs/adr/0009-broker-outage-recovery.md).
        await using var writer = scenario.StartWriter("--Writer:DelayMs=30", "--Messaging:Outbox:MaxBackoff=00:00:03");

        foreach (var stopAt in new[] { 100, 400, 700 })
        {
            await writer.WaitForWrittenAsync(stopAt, TimeSpan.FromMinutes(2));
            long writtenBefore, writtenDuring;
            await TestRabbitMq.StopAsync();
            try
            {
                writtenBefore = writer.Written;
                await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);
                writtenDuring = writer.Written;
            }
            finally
            {
                await TestRabbitMq.StartAsync();
            }
            Assert.True(writtenDuring > writtenBefore,
                $"the writer should go on committing while the broker is down (outage at {stopAt}: {writtenBefore} then {writtenDuring})\n{writer.Output}");
        }

        await writer.WaitForDrainedAsync(TimeSpan.FromMinutes(3));
        TestContext.Current.TestOutputHelper?.WriteLine(writer.Output); // what the writer went through, for the log
        Assert.True(await scenario.WaitForAllReceivedAsync(TimeSpan.FromSeconds(90)),
            $"the consumer did not come back for every event ({(await scenario.VerdictAsync()).Distinct} of {LedgerScenario.Events}); what the receiver logged:\n{scenario.Receiver.Logs.Tail()}");
        var verdict = await scenario.VerdictAsync();
        Assert.Equal(LedgerScenario.Events, verdict.Distinct);
        Assert.Equal(0, verdict.ProcessedTwice);
        Assert.True(inboxBatchSize > 1 || verdict.OutOfOrder == 0, $"{verdict.OutOfOrder} entries were processed after a later one of their aggregate:\n{await scenario.OutOfOrderReportAsync()}\n{scenario.Receiver.Logs.Tail()}");
    }
}
