using System.Text;

namespace Governance.VideoAlert.Sip;

/// <summary>Serialises a message with CRLF line ends and a Content-Length that always matches the body.</summary>
public static class SipWriter
{
    public static byte[] ToBytes(SipMessage message)
    {
        var text = new StringBuilder();
        text.Append(message switch
        {
            SipRequest r => $"{r.Method} {r.Uri} SIP/2.0",
            SipResponse r => $"SIP/2.0 {r.StatusCode} {r.Reason}",
            _ => throw new ArgumentOutOfRangeException(nameof(message)),
        }).Append("\r\n");
        foreach (var (name, value) in message.Headers.All)
        {
            if (string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        text.Append("Content-Length: ").Append(message.Body.Length).Append("\r\n\r\n");
        var head = Encoding.UTF8.GetBytes(text.ToString());
        return [.. head, .. message.Body];
    }
}
