using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Governance.VideoAlert.Sip;

/// <summary>
/// SIP over UDP: one datagram is one message. Each is handled on its own task (bounded), so a slow handler (an alarm
/// being stored) does not hold up the next datagram; the answer goes back to the datagram's source.
/// </summary>
public sealed class SipUdpListener : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly SipDispatcher _dispatcher;
    private readonly SipListenerOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _inFlight;
    private Task _loop = Task.CompletedTask;

    public SipUdpListener(IPEndPoint endpoint, SipDispatcher dispatcher, SipListenerOptions options, ILogger<SipUdpListener> logger)
    {
        _dispatcher = dispatcher;
        _options = options;
        _logger = logger;
        _inFlight = new SemaphoreSlim(options.MaxConcurrentRequests);
        _socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(endpoint);
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    public void Start()
    {
        SipLog.Listening(_logger, SipTransport.Udp, LocalEndPoint);
        _loop = Task.Run(ReceiveLoopAsync);
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[65_535];
        var any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
                var datagram = buffer.AsSpan(0, received.ReceivedBytes).ToArray();
                await _inFlight.WaitAsync(_stop.Token);
                _ = HandleAsync(datagram, (IPEndPoint)received.RemoteEndPoint);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e)
            {
                // An ICMP port-unreachable from an earlier reply surfaces here on some systems: keep listening.
                SipLog.ListenerFault(_logger, e, SipTransport.Udp);
            }
        }
    }

    private async Task HandleAsync(byte[] datagram, IPEndPoint remote)
    {
        try
        {
            var parsed = SipParser.Parse(datagram, _options.Limits);
            var reply = await _dispatcher.DispatchAsync(parsed, remote, SipTransport.Udp, _stop.Token);
            if (reply is not null) await _socket.SendToAsync(reply, SocketFlags.None, remote, _stop.Token);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            SipLog.ListenerFault(_logger, e, SipTransport.Udp);
        }
        finally
        {
            _inFlight.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        await _loop;
        _stop.Dispose();
    }
}
