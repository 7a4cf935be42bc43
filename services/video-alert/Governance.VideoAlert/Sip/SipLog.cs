using System.Net;
using Microsoft.Extensions.Logging;

namespace Governance.VideoAlert.Sip;

internal static partial class SipLog
{
    [LoggerMessage(LogLevel.Warning, "Malformed SIP message from {Remote} over {Transport}: {Error}")]
    public static partial void Malformed(ILogger logger, IPEndPoint remote, SipTransport transport, string error);

    [LoggerMessage(LogLevel.Error, "SIP handler failed on {Method} from {Remote}; answered 500")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string method, IPEndPoint remote);

    [LoggerMessage(LogLevel.Debug, "Retransmitted {Method} from {Remote} answered from the transaction table")]
    public static partial void Retransmission(ILogger logger, string method, IPEndPoint remote);

    [LoggerMessage(LogLevel.Debug, "Ignored SIP response {Code} from {Remote}")]
    public static partial void IgnoredResponse(ILogger logger, int code, IPEndPoint remote);

    [LoggerMessage(LogLevel.Error, "SIP {Transport} listener fault; it keeps listening")]
    public static partial void ListenerFault(ILogger logger, Exception exception, SipTransport transport);

    [LoggerMessage(LogLevel.Warning, "SIP TCP connection from {Remote} refused: {Limit} connections open")]
    public static partial void TooManyConnections(ILogger logger, IPEndPoint remote, int limit);

    [LoggerMessage(LogLevel.Information, "SIP listening on {Transport} {Endpoint}")]
    public static partial void Listening(ILogger logger, SipTransport transport, EndPoint endpoint);
}
