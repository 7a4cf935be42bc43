using System.Net;
using Microsoft.Extensions.Logging;

namespace Governance.VideoAlert.Sip;

/// <summary>
/// Between the listeners and the handler: refuses a malformed request with 400 where a response can be built (else
/// drops and logs it), answers retransmissions from the transaction table, turns a handler's exception into 500,
/// and stamps received/rport on the top Via (RFC 3261 §18.2.1, RFC 3581) so a peer behind NAT can match the reply.
/// </summary>
public sealed class SipDispatcher(ISipRequestHandler handler, SipServerTransactions transactions, ILogger<SipDispatcher> logger)
{
    public async Task<byte[]?> DispatchAsync(SipParseResult parsed, IPEndPoint remote, SipTransport transport, CancellationToken cancellationToken)
    {
        if (!parsed.IsValid) return Refuse(parsed.Partial, parsed.Error!, remote, transport);
        if (parsed.Message is SipResponse response)
        {
            SipLog.IgnoredResponse(logger, response.StatusCode, remote);
            return null;
        }
        var request = (SipRequest)parsed.Message!;
        if (Problem(request) is { } problem) return Refuse(request, problem, remote, transport);

        var result = await transactions.GetOrRun(request, remote, () => RunAsync(request, remote, transport, cancellationToken),
            out var retransmission);
        if (retransmission) SipLog.Retransmission(logger, request.Method, remote);
        return result;
    }

    /// <summary>The headers every request must carry (RFC 3261 §8.1.1) and that a response copies.</summary>
    internal static string? Problem(SipRequest request)
    {
        foreach (var name in (string[])["Via", "From", "To", "Call-ID", "CSeq"])
            if (!request.Headers.Contains(name)) return $"{name} header is missing";
        if (request.TopVia is null) return $"Via '{request.Headers.GetAll("Via")[0]}' is not 'SIP/2.0/transport host'";
        if (request.CSeq is not { } cseq) return $"CSeq '{request.Headers.Get("CSeq")}' is not 'number METHOD'";
        if (cseq.Method != request.Method) return $"CSeq method {cseq.Method} differs from the request's {request.Method}";
        if (request.From is null) return "From is not a sip: address";
        if (request.To is null) return "To is not a sip: address";
        return null;
    }

    private byte[]? Refuse(SipRequest? request, string error, IPEndPoint remote, SipTransport transport)
    {
        SipLog.Malformed(logger, remote, transport, error);
        if (request is null || request.Method == "ACK" || !SipResponses.CanAnswer(request)) return null;
        return Write(SipResponses.Error(request, 400, error), remote);
    }

    private async Task<byte[]?> RunAsync(SipRequest request, IPEndPoint remote, SipTransport transport, CancellationToken cancellationToken)
    {
        SipResponse? response;
        try
        {
            response = await handler.HandleAsync(new SipRequestContext(request, remote, transport), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            SipLog.HandlerFailed(logger, e, request.Method, remote);
            response = request.Method == "ACK" ? null : SipResponses.Create(request, 500);
        }
        return response is null ? null : Write(response, remote);
    }

    private static byte[] Write(SipResponse response, IPEndPoint remote)
    {
        if (response.Headers.Get("Via") is { } top) response.Headers.ReplaceFirst("Via", StampReceived(top, remote));
        return SipWriter.ToBytes(response);
    }

    internal static string StampReceived(string via, IPEndPoint remote)
    {
        if (!SipVia.TryParse(via, out var parsed)) return via;
        var host = parsed.SentBy.StartsWith('[') ? parsed.SentBy[..(parsed.SentBy.IndexOf(']') + 1)] : parsed.SentBy.Split(':')[0];
        var address = remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address;
        var result = via;
        if (parsed.Parameters.TryGetValue("rport", out var rport) && rport.Length == 0)
            result = System.Text.RegularExpressions.Regex.Replace(result, @";\s*rport(?=\s*(;|$))", $";rport={remote.Port}",
                System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        if (!parsed.Parameters.ContainsKey("received") && (host != address.ToString() || parsed.Parameters.ContainsKey("rport")))
            result += $";received={address}";
        return result;
    }
}
