namespace Governance.VideoAlert.Sip;

/// <summary>
/// Cuts a TCP byte stream into SIP messages: several may arrive in one read and one may span reads. Content-Length is
/// required on a stream (RFC 3261 §18.3); without it, or past the limits, the stream cannot be resynchronised, so the
/// framer reports the error once and the connection is to be closed.
/// </summary>
public sealed class SipStreamFramer(SipLimits? limits = null)
{
    private readonly SipLimits _limits = limits ?? SipLimits.Default;
    private byte[] _buffer = new byte[4096];
    private int _length;

    /// <summary>True after an error the stream cannot recover from.</summary>
    public bool Faulted { get; private set; }

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_length + data.Length > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + data.Length));
        data.CopyTo(_buffer.AsSpan(_length));
        _length += data.Length;
    }

    /// <summary>The next complete message (or framing error), or null when more bytes are needed.</summary>
    public SipParseResult? Next()
    {
        if (Faulted) return null;
        var span = _buffer.AsSpan(0, _length);
        var skipped = span.Length - SipParser.SkipLeadingLineBreaks(span).Length;
        if (skipped > 0) Consume(skipped);
        span = _buffer.AsSpan(0, _length);
        if (span.Length == 0) return null;

        var headEnd = SipParser.FindHeadEnd(span, out var separator);
        if (headEnd < 0)
            return span.Length > _limits.MaxHeaderBytes ? Fault($"headers exceed {_limits.MaxHeaderBytes} bytes") : null;
        if (headEnd > _limits.MaxHeaderBytes) return Fault($"headers exceed {_limits.MaxHeaderBytes} bytes");

        var (message, _) = SipParser.ParseHead(span[..headEnd], _limits);
        var lengthText = message?.Headers.Get("Content-Length");
        if (lengthText is null)
            return Fault("Content-Length is required on a stream transport", message as SipRequest);
        if (!int.TryParse(lengthText.Trim(), System.Globalization.NumberStyles.None, null, out var length))
            return Fault($"Content-Length '{lengthText}' is not a non-negative number", message as SipRequest);
        if (length > _limits.MaxBodyBytes)
            return Fault($"body of {length} bytes exceeds the limit of {_limits.MaxBodyBytes}", message as SipRequest);

        var total = headEnd + separator + length;
        if (span.Length < total) return null;
        var result = SipParser.Parse(span[..total], _limits);
        Consume(total);
        return result;
    }

    private SipParseResult Fault(string error, SipRequest? partial = null)
    {
        Faulted = true;
        _length = 0;
        return SipParseResult.Fail(error, partial);
    }

    private void Consume(int count)
    {
        _buffer.AsSpan(count, _length - count).CopyTo(_buffer);
        _length -= count;
    }
}
