using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.VideoAlert.Sip;

/// <summary>Runs the UDP and TCP listeners for the life of the host, on one configured address and port.</summary>
public sealed class SipHostedService(IOptions<SipListenerOptions> options, SipDispatcher dispatcher, ILoggerFactory loggers) : IHostedService
{
    private SipUdpListener? _udp;
    private SipTcpListener? _tcp;

    public IPEndPoint? UdpEndPoint => _udp?.LocalEndPoint;

    public IPEndPoint? TcpEndPoint => _tcp?.LocalEndPoint;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var address = IPAddress.Parse(o.Host);
        if (o.Tcp)
        {
            _tcp = new SipTcpListener(new IPEndPoint(address, o.Port), dispatcher, o, loggers.CreateLogger<SipTcpListener>());
            _tcp.Start();
        }
        if (o.Udp)
        {
            // With port 0 the TCP listener's port is reused, so both transports answer on one port as devices expect.
            var port = o.Port == 0 && _tcp is not null ? _tcp.LocalEndPoint.Port : o.Port;
            _udp = new SipUdpListener(new IPEndPoint(address, port), dispatcher, o, loggers.CreateLogger<SipUdpListener>());
            _udp.Start();
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_udp is not null) await _udp.DisposeAsync();
        if (_tcp is not null) await _tcp.DisposeAsync();
    }
}
