namespace Governance.VideoAlert.Sip;

/// <summary>A SIP request or response: start line, headers and body bytes (the body's charset is the reader's business).</summary>
public abstract class SipMessage
{
    public SipHeaders Headers { get; } = new();

    public byte[] Body { get; set; } = [];

    public string? CallId => Headers.Get("Call-ID");

    public string? ContentType => Headers.Get("Content-Type");

    /// <summary>The top Via: the hop a response goes back to and the one carrying the transaction's branch.</summary>
    public SipVia? TopVia => Headers.GetAll("Via") is [var top, ..] && SipVia.TryParse(top, out var via) ? via : null;

    public SipCSeq? CSeq => SipCSeq.TryParse(Headers.Get("CSeq"), out var cseq) ? cseq : null;
}

public sealed class SipRequest(string method, string uri) : SipMessage
{
    public string Method { get; } = method;

    public string Uri { get; } = uri;

    public SipAddress? From => SipAddress.TryParse(Headers.Get("From"), out var a) ? a : null;

    public SipAddress? To => SipAddress.TryParse(Headers.Get("To"), out var a) ? a : null;
}

public sealed class SipResponse(int statusCode, string reason) : SipMessage
{
    public int StatusCode { get; } = statusCode;

    public string Reason { get; } = reason;
}
