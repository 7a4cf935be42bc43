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
