namespace Governance.VideoAlert.Sip;

/// <summary>
/// What the parser made of some bytes: a message, or an error with as much of the request as could be read, so the
/// listener can still answer 400 when the request carries what a response needs (RFC 3261 §8.2.6).
/// </summary>
public sealed record SipParseResult(SipMessage? Message, string? Error, SipRequest? Partial)
{
    public bool IsValid => Error is null;

    public static SipParseResult Ok(SipMessage message) => new(message, null, null);

    public static SipParseResult Fail(string error, SipRequest? partial = null) => new(null, error, partial);
}
