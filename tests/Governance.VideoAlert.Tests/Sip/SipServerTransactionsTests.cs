using System.Net;
using Governance.VideoAlert.Sip;

namespace Governance.VideoAlert.Tests.Sip;

public class SipServerTransactionsTests
{
    private static readonly IPEndPoint Remote = new(IPAddress.Loopback, 5070);

    private static SipRequest Request(string branch, int cseq = 1) =>
        (SipRequest)SipParser.Parse(SipText.Message(FakeDevices.Camera, "UDP", branch, cseq, [])).Message!;

    [Fact]
    public async Task A_retransmission_shares_the_first_copys_response_and_the_handler_runs_once()
    {
        var table = new SipServerTransactions(new TestClock());
        var gate = new TaskCompletionSource<byte[]?>();
        var runs = 0;
        Task<byte[]?> Handle() { Interlocked.Increment(ref runs); return gate.Task; }

        var first = table.GetOrRun(Request("z9hG4bK1"), Remote, Handle, out var firstIsRetransmission);
        var second = table.GetOrRun(Request("z9hG4bK1"), Remote, Handle, out var secondIsRetransmission);
        gate.SetResult([1, 2, 3]);

        Assert.Equal((false, true), (firstIsRetransmission, secondIsRetransmission));
        Assert.Same(await first, await second);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task Copies_racing_on_many_threads_run_the_handler_once_and_all_get_its_answer_or_its_failure()
    {
        var table = new SipServerTransactions(new TestClock());
        var runs = 0;
        var gate = new TaskCompletionSource<byte[]?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<byte[]?> Handle() { Interlocked.Increment(ref runs); return gate.Task; }
        var start = new Barrier(8);
        // StartNew, not Task.Run: each thread hands back the transaction's task itself, still pending, not its result.
        var copies = Enumerable.Range(0, 8).Select(copy => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            return table.GetOrRun(Request("z9hG4bK9"), Remote, Handle, out _);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();
        var answers = await Task.WhenAll(copies);
        gate.SetResult([7]);
        foreach (var answer in answers) Assert.Equal([7], await answer);
        Assert.Equal(1, runs);

        // A handler that throws before its first await: the first copy and its retransmission both see the failure.
        Task<byte[]?> Throw() => throw new InvalidOperationException("broken");
        var failed = table.GetOrRun(Request("z9hG4bK10"), Remote, Throw, out _);
        var again = table.GetOrRun(Request("z9hG4bK10"), Remote, Throw, out var isRetransmission);
        Assert.True(isRetransmission);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failed);
        await Assert.ThrowsAsync<InvalidOperationException>(() => again);
    }

    [Fact]
    public async Task Another_branch_CSeq_or_source_is_a_new_transaction_and_an_expired_entry_runs_again()
    {
        var clock = new TestClock();
        var table = new SipServerTransactions(clock);
        var runs = 0;
        Task<byte[]?> Handle() { Interlocked.Increment(ref runs); return Task.FromResult<byte[]?>([]); }

        await table.GetOrRun(Request("z9hG4bK1"), Remote, Handle, out _);
        await table.GetOrRun(Request("z9hG4bK2"), Remote, Handle, out _);
        await table.GetOrRun(Request("z9hG4bK1", cseq: 2), Remote, Handle, out _);
        await table.GetOrRun(Request("z9hG4bK1"), new IPEndPoint(IPAddress.Parse("10.6.6.6"), 5070), Handle, out var elsewhere);
        clock.Advance(TimeSpan.FromSeconds(33));
        await table.GetOrRun(Request("z9hG4bK1"), Remote, Handle, out var retransmission);

        Assert.Equal(5, runs);
        Assert.False(elsewhere);
        Assert.False(retransmission);
    }

    [Fact]
    public async Task A_full_table_still_handles_requests()
    {
        var table = new SipServerTransactions(new TestClock(), capacity: 1);
        var runs = 0;
        Task<byte[]?> Handle() { Interlocked.Increment(ref runs); return Task.FromResult<byte[]?>([]); }

        await table.GetOrRun(Request("z9hG4bK1"), Remote, Handle, out _);
        await table.GetOrRun(Request("z9hG4bK2"), Remote, Handle, out _);

        Assert.Equal(2, runs);
        Assert.Equal(1, table.Count);
    }
}
