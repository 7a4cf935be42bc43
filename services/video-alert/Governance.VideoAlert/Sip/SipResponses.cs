using System.Security.Cryptography;

namespace Governance.VideoAlert.Sip;

/// <summary>Builds a response to a request as RFC 3261 §8.2.6 says: Via (all), From, Call-ID, CSeq copied; To tagged.</summary>
public static class SipResponses
{
    public static string ReasonOf(int code) => code switch
    {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        415 => "Unsupported Media Type",
        423 => "Interval Too Brief",
        481 => "Call/Transaction Does Not Exist",
        500 => "Server Internal Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        _ => "Unknown",
    };

    /// <summary>True when the request carries what a response must copy.</summary>
    public static bool CanAnswer(SipRequest request) =>
        request.Headers.GetAll("Via").Count > 0 && request.Headers.Contains("From") && request.Headers.Contains("To")
        && request.Headers.Contains("Call-ID") && request.Headers.Contains("CSeq");

    public static SipResponse Create(SipRequest request, int code, string? reason = null)
    {
        var response = new SipResponse(code, reason ?? ReasonOf(code));
        foreach (var via in request.Headers.GetAll("Via")) response.Headers.Add("Via", via);
        response.Headers.Add("From", request.Headers.Get("From")!);
        var to = request.Headers.Get("To")!;
        // A tag identifies our side of the dialog; a retransmission gets the cached response, so one tag per transaction.
        if (request.To?.Tag is null) to += ";tag=" + NewTag();
        response.Headers.Add("To", to);
        response.Headers.Add("Call-ID", request.Headers.Get("Call-ID")!);
        response.Headers.Add("CSeq", request.Headers.Get("CSeq")!);
        return response;
    }

    /// <summary>A 4xx/5xx with the precise reason in a Warning header (RFC 3261 §20.43, code 399 "miscellaneous").</summary>
    public static SipResponse Error(SipRequest request, int code, string detail, string agent = "governance")
    {
        var response = Create(request, code);
        response.Headers.Add("Warning", $"399 {agent} \"{Quotable(detail)}\"");
        return response;
    }

    /// <summary>The detail may echo what the peer sent (an element's text): no line break or quote may escape the header.</summary>
    private static string Quotable(string detail)
    {
        var chars = detail.Select(c => char.IsControl(c) ? ' ' : c == '"' ? '\'' : c == '\\' ? '/' : c).ToArray();
        var text = new string(chars);
        return text.Length <= 200 ? text : text[..200] + "…";
    }

    private static string NewTag() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
