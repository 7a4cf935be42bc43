using Governance.Testing;

namespace Governance.Messaging.Tests.Outbox;

public sealed class BrokerOutageTests
{
    [Fact]
    public async Task Broker_stopped_and_restarted_while_events_are_written_loses_nothing_and_both_sides_recover()
    {
        await using var scenario = await LedgerScenario.StartAsync();
        // Slow enough that writing goes on through the outage; short backoff and bus recycling so that
        // the test ends soon after (RabbitMQ.Client 7 can wedge a publishing channel: BusRecycler).
        await using var writer = scenario.StartWriter(
            "--Writer:DelayMs=3", "--Messaging:Outbox:MaxBackoff=00:00:03", "--Messaging:Outbox:RecycleBusAfter=00:00:10");
        await writer.WaitForWrittenAsync(150, TimeSpan.FromMinutes(2));

        long writtenBeforeOutage, writtenAfterOutage;
        await TestRabbitMq.StopAsync();
        try
        {
            writtenBeforeOutage = writer.Written;
            await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
            writtenAfterOutage = writer.Written;
        }
        finally
        {
            await TestRabbitMq.StartAsync();
        }

        await writer.WaitForDrainedAsync(TimeSpan.FromMinutes(3));
        TestContext.Current.TestOutputHelper?.WriteLine(writer.Output); // what the writer went through, for the log
        Assert.True(writtenAfterOutage > writtenBeforeOutage, "the writer should go on committing while the broker is down");
        Assert.True(await scenario.WaitForAllReceivedAsync(TimeSpan.FromMinutes(3)), "the consumer did not come back for every event");
        var verdict = await scenario.VerdictAsync();
        Assert.Equal(LedgerScenario.Events, verdict.Distinct);
        Assert.Equal(0, verdict.ProcessedTwice);
        Assert.Equal(0, verdict.OutOfOrder);
    }
}
