using System.Net;
using System.Net.Sockets;
using System.Text;
using Governance.VideoAlert.Sip;
using Microsoft.Extensions.Logging.Abstractions;

namespace Governance.VideoAlert.Tests.Sip;

/// <summary>The UDP and TCP listeners over real loopback sockets, playing a camera by hand.</summary>
public sealed class SipListenerTests : IAsyncLifetime
{
    private const string Camera = FakeDevices.Camera;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly IntakeHarness _harness = new();
    private readonly SipListenerOptions _options = new() { MaxTcpConnections = 2, TcpIdleTimeout = TimeSpan.FromSeconds(1) };
    private SipUdpListener _udp = null!;
    private SipTcpListener _tcp = null!;

    public ValueTask InitializeAsync()
    {
        var any = new IPEndPoint(IPAddress.Loopback, 0);
        _udp = new SipUdpListener(any, _harness.Dispatcher, _options, NullLogger<SipUdpListener>.Instance);
        _tcp = new SipTcpListener(any, _harness.Dispatcher, _options, NullLogger<SipTcpListener>.Instance);
        _udp.Start();
        _tcp.Start();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _udp.DisposeAsync();
        await _tcp.DisposeAsync();
    }

    private static string Branch() => "z9hG4bK" + Guid.NewGuid().ToString("N");

    private async Task<SipResponse> UdpAsync(UdpClient client, byte[] request)
    {
        await client.SendAsync(request, _udp.LocalEndPoint, TestContext.Current.CancellationToken);
        return await ReceiveAsync(client);
    }

    private static async Task<SipResponse> ReceiveAsync(UdpClient client)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return SipText.Response((await client.ReceiveAsync(timeout.Token)).Buffer);
    }

    [Fact]
    public async Task Over_UDP_a_camera_registers_through_the_challenge_then_sends_a_keepalive_and_a_GB2312_alarm()
    {
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var challenge = await UdpAsync(client, SipText.Register(Camera, "UDP", Branch(), 1));
        var ok = await UdpAsync(client, SipText.Register(Camera, "UDP", Branch(), 2, SipText.Answer(challenge, Camera, FakeDevices.Password)));
        var keepalive = await UdpAsync(client, SipText.Message(Camera, "UDP", Branch(), 3, SipText.Keepalive(Camera)));
        var alarm = await UdpAsync(client, SipText.Message(Camera, "UDP", Branch(), 4, SipText.Alarm(Camera, description: "越界报警")));

        Assert.Equal((401, 200, 200, 200), (challenge.StatusCode, ok.StatusCode, keepalive.StatusCode, alarm.StatusCode));
        Assert.Contains($";received=127.0.0.1", alarm.Headers.Get("Via"));
        Assert.Contains($";rport={((IPEndPoint)client.Client.LocalEndPoint!).Port}", alarm.Headers.Get("Via"));
        Assert.Equal("越界报警", Assert.Single(_harness.Devices.Alarms).Alarm.Description);
    }

    [Fact]
    public async Task Over_UDP_a_retransmitted_alarm_is_answered_each_time_with_the_same_response_and_stored_once()
    {
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var challenge = await UdpAsync(client, SipText.Register(Camera, "UDP", Branch(), 1));
        await UdpAsync(client, SipText.Register(Camera, "UDP", Branch(), 2, SipText.Answer(challenge, Camera, FakeDevices.Password)));
        var alarm = SipText.Message(Camera, "UDP", Branch(), 3, SipText.Alarm(Camera));
        _harness.Devices.AlarmGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await client.SendAsync(alarm, _udp.LocalEndPoint, TestContext.Current.CancellationToken);
        await client.SendAsync(alarm, _udp.LocalEndPoint, TestContext.Current.CancellationToken); // while the first is still being stored
        _harness.Devices.AlarmGate.SetResult();
        var first = await ReceiveAsync(client);
        var second = await ReceiveAsync(client);
        var late = await UdpAsync(client, alarm); // after it was answered

        Assert.Equal(200, first.StatusCode);
        Assert.Equal(first.Headers.Get("To"), second.Headers.Get("To"));
        Assert.Equal(first.Headers.Get("To"), late.Headers.Get("To"));
        Assert.Single(_harness.Devices.Alarms);
    }

    [Fact]
    public async Task Over_UDP_malformed_messages_get_400_or_are_dropped_and_the_listener_keeps_answering()
    {
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync("\x00\x01garbage"u8.ToArray(), _udp.LocalEndPoint, TestContext.Current.CancellationToken);
        await client.SendAsync(new byte[60_000], _udp.LocalEndPoint, TestContext.Current.CancellationToken);
        var badLength = await UdpAsync(client, Encoding.UTF8.GetBytes(
            Encoding.UTF8.GetString(SipText.Register(Camera, "UDP", Branch(), 1)).Replace("Content-Length: 0", "Content-Length: 99")));
        var options = await UdpAsync(client, Encoding.UTF8.GetBytes(
            Encoding.UTF8.GetString(SipText.Message(Camera, "UDP", Branch(), 1, [])).Replace("MESSAGE", "OPTIONS")));

        Assert.Equal(400, badLength.StatusCode);
        Assert.Contains("Content-Length 99 exceeds the 0 body bytes received", badLength.Headers.Get("Warning"));
        Assert.Equal(200, options.StatusCode);
    }

    private static async Task<SipResponse> ReadAsync(NetworkStream stream, SipStreamFramer framer)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var buffer = new byte[4096];
        while (true)
        {
            if (framer.Next() is { } parsed) return Assert.IsType<SipResponse>(parsed.Message);
            var read = await stream.ReadAsync(buffer, timeout.Token);
            Assert.NotEqual(0, read);
            framer.Append(buffer.AsSpan(0, read));
        }
    }

    private async Task<(TcpClient Client, NetworkStream Stream)> ConnectAsync()
    {
        var client = new TcpClient();
        await client.ConnectAsync(_tcp.LocalEndPoint, TestContext.Current.CancellationToken);
        return (client, client.GetStream());
    }

    [Fact]
    public async Task Over_TCP_messages_written_together_or_split_are_answered_in_order()
    {
        var (client, stream) = await ConnectAsync();
        using var _ = client;
        var framer = new SipStreamFramer();
        await stream.WriteAsync(SipText.Register(Camera, "TCP", Branch(), 1), TestContext.Current.CancellationToken);
        var challenge = await ReadAsync(stream, framer);
        await stream.WriteAsync(SipText.Register(Camera, "TCP", Branch(), 2, SipText.Answer(challenge, Camera, FakeDevices.Password)), TestContext.Current.CancellationToken);
        var ok = await ReadAsync(stream, framer);

        byte[] both = [.. SipText.Message(Camera, "TCP", Branch(), 3, SipText.Keepalive(Camera)), .. SipText.Message(Camera, "TCP", Branch(), 4, SipText.Alarm(Camera))];
        await stream.WriteAsync(both.AsMemory(0, 100), TestContext.Current.CancellationToken);
        await stream.FlushAsync(TestContext.Current.CancellationToken);
        await stream.WriteAsync(both.AsMemory(100), TestContext.Current.CancellationToken);
        var keepalive = await ReadAsync(stream, framer);
        var alarm = await ReadAsync(stream, framer);

        Assert.Equal((401, 200), (challenge.StatusCode, ok.StatusCode));
        Assert.Equal(("3 MESSAGE", 200), (keepalive.Headers.Get("CSeq"), keepalive.StatusCode));
        Assert.Equal(("4 MESSAGE", 200), (alarm.Headers.Get("CSeq"), alarm.StatusCode));
        Assert.Single(_harness.Devices.Alarms);
        Assert.Equal(SipTransport.Tcp, Assert.Single(_harness.Devices.Registrations).Transport);
    }

    [Fact]
    public async Task Over_TCP_a_message_without_Content_Length_is_answered_400_and_the_connection_closed()
    {
        var (client, stream) = await ConnectAsync();
        using var _ = client;
        var request = Encoding.UTF8.GetString(SipText.Register(Camera, "TCP", Branch(), 1)).Replace("Content-Length: 0\r\n", "");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request), TestContext.Current.CancellationToken);

        var response = await ReadAsync(stream, new SipStreamFramer());
        using var timeout = new CancellationTokenSource(Patience);
        var after = await stream.ReadAsync(new byte[16], timeout.Token);

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("Content-Length is required on a stream transport", response.Headers.Get("Warning"));
        Assert.Equal(0, after);
    }

    [Fact]
    public async Task Over_TCP_connections_beyond_the_limit_are_closed_and_idle_ones_time_out()
    {
        var (first, firstStream) = await ConnectAsync();
        var (second, _) = await ConnectAsync();
        var (third, thirdStream) = await ConnectAsync();
        using var a = first;
        using var b = second;
        using var c = third;
        using var timeout = new CancellationTokenSource(Patience);

        Assert.Equal(0, await thirdStream.ReadAsync(new byte[16], timeout.Token)); // over the limit of 2
        Assert.Equal(0, await firstStream.ReadAsync(new byte[16], timeout.Token)); // idle past 1 s
    }
}
