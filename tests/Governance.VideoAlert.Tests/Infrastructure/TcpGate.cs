using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Governance.VideoAlert.Tests.Infrastructure;

/// <summary>
/// A loopback TCP relay in front of a real service that a test can close (every connection cut, new ones refused at
/// once) and open again: the service going away and coming back, as its clients see it. Or hold: every connection cut,
/// new ones accepted and never relayed, so a call waits as on a service that hangs.
/// </summary>
public sealed class TcpGate : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Socket, byte> _held = new();
    private volatile bool _closed;
    private volatile bool _holding;

    public TcpGate(Uri target)
    {
        _target = target;
        _listener.Start();
        _ = AcceptAsync();
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public void Close()
    {
        _closed = true;
        foreach (var socket in _open.Keys) socket.Dispose();
        _open.Clear();
    }

    /// <summary>Cuts every connection and holds the new ones: accepted, never relayed, never answered.</summary>
    public void Hold()
    {
        _holding = true;
        foreach (var socket in _open.Keys) socket.Dispose();
        _open.Clear();
    }

    /// <summary>How many connections are held now.</summary>
    public int Held => _held.Count;

    public void Open()
    {
        _closed = false;
        _holding = false;
        foreach (var socket in _held.Keys) socket.Dispose();
        _held.Clear();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try { client = await _listener.AcceptSocketAsync(_stop.Token); }
            catch (Exception) { return; }
            if (_closed) { client.Dispose(); continue; }
            if (_holding) { _held[client] = 0; continue; }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await server.ConnectAsync(_target.Host, _target.Port, _stop.Token);
            _open[client] = 0;
            _open[server] = 0;
            using var a = new NetworkStream(client, ownsSocket: true);
            using var b = new NetworkStream(server, ownsSocket: true);
            await Task.WhenAny(a.CopyToAsync(b, _stop.Token), b.CopyToAsync(a, _stop.Token));
        }
        catch (Exception)
        {
            // A cut connection ends its relay.
        }
        finally
        {
            _open.TryRemove(client, out _);
            _open.TryRemove(server, out _);
            client.Dispose();
            server.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        Close();
        Open();
        return ValueTask.CompletedTask;
    }
}
