using System.Net;

namespace Governance.VideoAlert.Sip;

/// <summary>
/// Answers one SIP request. The listener calls it once per server transaction (retransmissions get the cached
/// response) and sends what it returns; null sends nothing (ACK). An exception is answered 500 and logged.
/// </summary>
public interface ISipRequestHandler
{
    Task<SipResponse?> HandleAsync(SipRequestContext context, CancellationToken cancellationToken);
}

public sealed record SipRequestContext(SipRequest Request, IPEndPoint Remote, SipTransport Transport);

public enum SipTransport
{
    Udp,
    Tcp,
}
