namespace Governance.VideoAlert.Sip;

/// <summary>
/// Where and how the SIP intake listens. JSON: "VideoAlert": { "Sip": { "Host": "127.0.0.1", "Port": 5060,
/// "Udp": true, "Tcp": true, "MaxTcpConnections": 1000, "TcpIdleTimeout": "00:05:00" } }.
/// </summary>
public sealed class SipListenerOptions
{
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>5060 by default; 0 picks a free port (tests).</summary>
    public int Port { get; set; } = 5060;

    public bool Udp { get; set; } = true;

    public bool Tcp { get; set; } = true;

    /// <summary>Connections beyond this are closed at once, so a flood cannot exhaust sockets.</summary>
    public int MaxTcpConnections { get; set; } = 1000;

    /// <summary>A connection silent this long is closed. Devices send a keepalive every 60 s by default.</summary>
    public TimeSpan TcpIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>UDP requests handled at once; the receive loop waits beyond it (the kernel buffer then drops).</summary>
    public int MaxConcurrentRequests { get; set; } = 256;

    public SipLimits Limits { get; set; } = SipLimits.Default;
}
