using System.Text;
using Governance.VideoAlert.Sip;

namespace Governance.VideoAlert.Tests.Sip;

public class SipStreamFramerTests
{
    private static byte[] Message(string callId, string body) => Encoding.UTF8.GetBytes(
        $"MESSAGE sip:p@d SIP/2.0\r\nCall-ID: {callId}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}");

    [Fact]
    public void Several_messages_in_one_read_come_out_one_by_one()
    {
        var framer = new SipStreamFramer();
        framer.Append([.. "\r\n\r\n"u8, .. Message("a", "one"), .. Message("b", "two"), .. Message("c", "")]);

        Assert.Equal("a", framer.Next()!.Message!.CallId);
        var second = framer.Next()!.Message!;
        Assert.Equal(("b", "two"), (second.CallId, Encoding.UTF8.GetString(second.Body)));
        Assert.Equal("c", framer.Next()!.Message!.CallId);
        Assert.Null(framer.Next());
    }

    [Fact]
    public void A_message_arriving_byte_by_byte_comes_out_once_complete()
    {
        var framer = new SipStreamFramer();
        var bytes = Message("a", "中文正文");
        for (var i = 0; i < bytes.Length - 1; i++)
        {
            framer.Append(bytes.AsSpan(i, 1));
            Assert.Null(framer.Next());
        }
        framer.Append(bytes.AsSpan(bytes.Length - 1));
        Assert.Equal("中文正文", Encoding.UTF8.GetString(framer.Next()!.Message!.Body));
    }

    [Fact]
    public void A_message_without_Content_Length_faults_the_stream_but_can_still_be_answered()
    {
        var framer = new SipStreamFramer();
        framer.Append("MESSAGE sip:p@d SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nFrom: <sip:a@d>\r\nTo: <sip:b@d>\r\nCall-ID: c\r\nCSeq: 1 MESSAGE\r\n\r\nbody"u8);

        var result = framer.Next()!;
        Assert.Equal("Content-Length is required on a stream transport", result.Error);
        Assert.True(SipResponses.CanAnswer(result.Partial!));
        Assert.True(framer.Faulted);
        Assert.Null(framer.Next());
    }

    [Fact]
    public void Endless_headers_or_a_huge_body_fault_the_stream()
    {
        var framer = new SipStreamFramer(new SipLimits { MaxHeaderBytes = 64, MaxBodyBytes = 10 });
        framer.Append(Encoding.UTF8.GetBytes("MESSAGE sip:p@d SIP/2.0\r\n" + new string('X', 100)));
        Assert.Equal("headers exceed 64 bytes", framer.Next()!.Error);

        var other = new SipStreamFramer(new SipLimits { MaxBodyBytes = 10 });
        other.Append("MESSAGE sip:p@d SIP/2.0\r\nl: 11\r\n\r\n"u8);
        Assert.Equal("body of 11 bytes exceeds the limit of 10", other.Next()!.Error);
    }
}
