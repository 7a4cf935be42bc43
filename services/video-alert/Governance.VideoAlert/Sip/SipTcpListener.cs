using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Governance.VideoAlert.Sip;

/// <summary>
/// SIP over TCP: each connection's byte stream is cut into messages by <see cref="SipStreamFramer"/> and its requests
/// answered in order on the same connection. Connections are bounded and closed when idle or when framing is lost.
/// </summary>
public sealed class SipTcpListener : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly SipDispatcher _dispatcher;
    private readonly SipListenerOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _connections;
    private readonly List<Task> _open = [];
    private Task _loop = Task.CompletedTask;

    public SipTcpListener(IPEndPoint endpoint, SipDispatcher dispatcher, SipListenerOptions options, ILogger<SipTcpListener> logger)
    {
        _dispatcher = dispatcher;
        _options = options;
        _logger = logger;
        _connections = new SemaphoreSlim(options.MaxTcpConnections);
        _listener = new TcpListener(endpoint);
        _listener.Start();
        LocalEndPoint = (IPEndPoint)_listener.LocalEndpoint;
    }

    public IPEndPoint LocalEndPoint { get; }

    public void Start()
    {
        SipLog.Listening(_logger, SipTransport.Tcp, LocalEndPoint);
        _loop = Task.Run(AcceptLoopAsync);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e)
            {
                SipLog.ListenerFault(_logger, e, SipTransport.Tcp);
                continue;
            }
            if (!_connections.Wait(0))
            {
                SipLog.TooManyConnections(_logger, (IPEndPoint)socket.RemoteEndPoint!, _options.MaxTcpConnections);
                socket.Dispose();
                continue;
            }
            var connection = ServeAsync(socket);
            lock (_open)
            {
                _open.RemoveAll(t => t.IsCompleted);
                _open.Add(connection);
            }
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var remote = (IPEndPoint)socket.RemoteEndPoint!;
        var framer = new SipStreamFramer(_options.Limits);
        var buffer = new byte[8192];
        try
        {
            await using var stream = new NetworkStream(socket, ownsSocket: true);
            while (!_stop.IsCancellationRequested)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                idle.CancelAfter(_options.TcpIdleTimeout);
                int read;
                try
                {
                    read = await stream.ReadAsync(buffer, idle.Token);
                }
                catch (OperationCanceledException)
                {
                    return; // idle, or stopping
                }
                if (read == 0) return;
                framer.Append(buffer.AsSpan(0, read));
                while (framer.Next() is { } parsed)
                {
                    var reply = await _dispatcher.DispatchAsync(parsed, remote, SipTransport.Tcp, _stop.Token);
                    if (reply is not null) await stream.WriteAsync(reply, _stop.Token);
                }
                if (framer.Faulted) return;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // The peer went away or we are stopping: nothing to answer.
        }
        catch (Exception e)
        {
            SipLog.ListenerFault(_logger, e, SipTransport.Tcp);
        }
        finally
        {
            _connections.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        Task[] open;
        lock (_open) open = [.. _open];
        await Task.WhenAll(open);
        _stop.Dispose();
    }
}
