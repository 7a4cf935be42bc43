using System.Text;

namespace Governance.VideoAlert.Sip;

/// <summary>
/// Parses one SIP message (RFC 3261 §7, the subset GB/T 28181 intake needs): request or status line, headers with
/// folded lines and compact names, and a body framed by Content-Length. Over UDP a missing Content-Length means "the
/// rest of the datagram"; over a stream it is required (§18.3), which <see cref="SipStreamFramer"/> enforces.
/// </summary>
public static class SipParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static SipParseResult Parse(ReadOnlySpan<byte> data, SipLimits? limits = null)
    {
        limits ??= SipLimits.Default;
        data = SkipLeadingLineBreaks(data);
        var headEnd = FindHeadEnd(data, out var separatorLength);
        if (headEnd < 0)
            return SipParseResult.Fail(data.Length > limits.MaxHeaderBytes
                ? $"headers exceed {limits.MaxHeaderBytes} bytes"
                : "message has no blank line after its headers");
        if (headEnd > limits.MaxHeaderBytes)
            return SipParseResult.Fail($"headers exceed {limits.MaxHeaderBytes} bytes");

        var head = ParseHead(data[..headEnd], limits);
        if (head.Message is null) return SipParseResult.Fail(head.Error!);
        var message = head.Message;
        var partial = message as SipRequest;
        if (head.Error is not null) return SipParseResult.Fail(head.Error, partial);

        var available = data[(headEnd + separatorLength)..];
        var lengthText = message.Headers.Get("Content-Length");
        int length;
        if (lengthText is null) length = available.Length;
        else if (!int.TryParse(lengthText.Trim(), System.Globalization.NumberStyles.None, null, out length))
            return SipParseResult.Fail($"Content-Length '{lengthText}' is not a non-negative number", partial);
        if (length > limits.MaxBodyBytes)
            return SipParseResult.Fail($"body of {length} bytes exceeds the limit of {limits.MaxBodyBytes}", partial);
        if (length > available.Length)
            return SipParseResult.Fail($"Content-Length {length} exceeds the {available.Length} body bytes received", partial);
        message.Body = available[..length].ToArray();
        return SipParseResult.Ok(message);
    }

    /// <summary>Index of the first CRLFCRLF (or bare LFLF from sloppy peers), or -1.</summary>
    internal static int FindHeadEnd(ReadOnlySpan<byte> data, out int separatorLength)
    {
        var crlf = data.IndexOf("\r\n\r\n"u8);
        var lf = data.IndexOf("\n\n"u8);
        if (crlf >= 0 && (lf < 0 || crlf < lf))
        {
            separatorLength = 4;
            return crlf;
        }
        separatorLength = 2;
        return lf;
    }

    internal static ReadOnlySpan<byte> SkipLeadingLineBreaks(ReadOnlySpan<byte> data)
    {
        var i = 0;
        while (i < data.Length && (data[i] == '\r' || data[i] == '\n')) i++;
        return data[i..];
    }

    /// <summary>Start line and headers. Returns the message read so far and the first error, if any.</summary>
    internal static (SipMessage? Message, string? Error) ParseHead(ReadOnlySpan<byte> head, SipLimits limits)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(head);
        }
        catch (DecoderFallbackException)
        {
            return (null, "headers are not UTF-8");
        }
        var lines = Unfold(text.Split('\n'));
        if (lines.Count == 0 || lines[0].Length == 0) return (null, "message has no start line");

        var start = ParseStartLine(lines[0]);
        if (start.Message is null) return (null, start.Error);
        var message = start.Message;
        if (lines.Count - 1 > limits.MaxHeaders) return (message, $"more than {limits.MaxHeaders} headers");
        string? error = null;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            var name = colon < 0 ? "" : line[..colon].TrimEnd();
            if (colon <= 0 || !SipGrammar.IsToken(name))
            {
                error ??= $"header line '{Shorten(line)}' has no name";
                continue;
            }
            message.Headers.Add(name, line[(colon + 1)..].Trim());
        }
        return (message, error);
    }

    private static (SipMessage? Message, string? Error) ParseStartLine(string line)
    {
        if (line.StartsWith("SIP/", StringComparison.Ordinal))
        {
            var parts = line.Split(' ', 3);
            if (parts.Length < 2 || parts[0] != "SIP/2.0") return (null, $"status line '{Shorten(line)}' is not SIP/2.0");
            if (parts[1].Length != 3 || !int.TryParse(parts[1], out var code) || code < 100)
                return (null, $"status code '{parts[1]}' is not three digits 100-699");
            return (new SipResponse(code, parts.Length > 2 ? parts[2] : ""), null);
        }
        var fields = line.Split(' ');
        if (fields.Length != 3) return (null, $"request line '{Shorten(line)}' is not 'METHOD URI SIP/2.0'");
        if (!SipGrammar.IsToken(fields[0])) return (null, $"method '{Shorten(fields[0])}' is not a token");
        if (fields[2] != "SIP/2.0") return (null, $"version '{Shorten(fields[2])}' is not SIP/2.0");
        if (!fields[1].Contains(':')) return (null, $"request URI '{Shorten(fields[1])}' has no scheme");
        return (new SipRequest(fields[0], fields[1]), null);
    }

    /// <summary>Joins continuation lines (starting with space or tab) to the header above (RFC 3261 §7.3.1).</summary>
    private static List<string> Unfold(string[] rawLines)
    {
        var lines = new List<string>(rawLines.Length);
        foreach (var raw in rawLines)
        {
            var line = raw.TrimEnd('\r');
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && lines.Count > 1)
                lines[^1] = lines[^1] + " " + line.Trim();
            else if (line.Length > 0 || lines.Count == 0)
                lines.Add(line);
        }
        return lines;
    }

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "…";
}
