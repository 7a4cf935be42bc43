using System.Text;
using Governance.VideoAlert.Sip;

namespace Governance.VideoAlert.Tests.Sip;

public class SipParserTests
{
    private const string Register =
        "REGISTER sip:34020000002000000001@3402000000 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.168.1.64:5060;rport;branch=z9hG4bK1\r\n" +
        "From: <sip:34020000001320000001@3402000000>;tag=abc\r\n" +
        "To: <sip:34020000001320000001@3402000000>\r\n" +
        "Call-ID: 42@192.168.1.64\r\n" +
        "CSeq: 1 REGISTER\r\n" +
        "Contact: <sip:34020000001320000001@192.168.1.64:5060>\r\n" +
        "Expires: 3600\r\n" +
        "Content-Length: 0\r\n\r\n";

    private static SipParseResult Parse(string text) => SipParser.Parse(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void A_request_line_and_its_headers_are_read()
    {
        var request = Assert.IsType<SipRequest>(Parse(Register).Message);

        Assert.Equal("REGISTER", request.Method);
        Assert.Equal("sip:34020000002000000001@3402000000", request.Uri);
        Assert.Equal("z9hG4bK1", request.TopVia!.Branch);
        Assert.Equal("UDP", request.TopVia.Transport);
        Assert.Equal("192.168.1.64:5060", request.TopVia.SentBy);
        Assert.Equal("34020000001320000001", request.From!.User);
        Assert.Equal("abc", request.From.Tag);
        Assert.Null(request.To!.Tag);
        Assert.Equal(new SipCSeq(1, "REGISTER"), request.CSeq);
        Assert.Empty(request.Body);
    }

    [Fact]
    public void A_status_line_is_read()
    {
        var response = Assert.IsType<SipResponse>(Parse("SIP/2.0 401 Unauthorized\r\nCall-ID: x\r\n\r\n").Message);
        Assert.Equal(401, response.StatusCode);
        Assert.Equal("Unauthorized", response.Reason);
    }

    [Fact]
    public void Header_names_are_case_insensitive_and_compact_forms_mean_their_full_names()
    {
        var request = (SipRequest)Parse(
            "MESSAGE sip:p@d SIP/2.0\r\nv: SIP/2.0/UDP h;branch=z9hG4bKx\r\nf: <sip:a@d>;tag=1\r\nt: <sip:p@d>\r\n" +
            "i: call-1\r\nCSEQ: 2 MESSAGE\r\nc: Application/MANSCDP+xml\r\nl: 2\r\n\r\nhi").Message!;

        Assert.Equal("call-1", request.CallId);
        Assert.Equal("Application/MANSCDP+xml", request.Headers.Get("content-type"));
        Assert.Equal("a", request.From!.User);
        Assert.Equal(new SipCSeq(2, "MESSAGE"), request.CSeq);
        Assert.Equal("hi"u8.ToArray(), request.Body);
    }

    [Fact]
    public void Folded_lines_join_the_header_above()
    {
        var request = (SipRequest)Parse("OPTIONS sip:p@d SIP/2.0\r\nSubject: first\r\n  second\r\n\tthird\r\nCall-ID: c\r\n\r\n").Message!;
        Assert.Equal("first second third", request.Headers.Get("Subject"));
        Assert.Equal("c", request.CallId);
    }

    [Fact]
    public void Several_Via_hops_are_kept_in_order_whether_on_one_line_or_several()
    {
        var request = (SipRequest)Parse(
            "OPTIONS sip:p@d SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/TCP b;branch=z9hG4bK2\r\n" +
            "Via: SIP/2.0/UDP c;branch=z9hG4bK3\r\n\r\n").Message!;

        Assert.Equal(["SIP/2.0/UDP a;branch=z9hG4bK1", "SIP/2.0/TCP b;branch=z9hG4bK2", "SIP/2.0/UDP c;branch=z9hG4bK3"],
            request.Headers.GetAll("Via"));
        Assert.Equal("a", request.TopVia!.SentBy);
    }

    [Fact]
    public void Over_UDP_a_missing_Content_Length_takes_the_rest_and_a_shorter_one_cuts_the_body()
    {
        Assert.Equal("body"u8.ToArray(), Parse("MESSAGE sip:p@d SIP/2.0\r\nCall-ID: c\r\n\r\nbody").Message!.Body);
        Assert.Equal("bo"u8.ToArray(), Parse("MESSAGE sip:p@d SIP/2.0\r\nContent-Length: 2\r\n\r\nbody").Message!.Body);
    }

    [Theory]
    [InlineData("", "no blank line")]
    [InlineData("\r\n\r\n", "no blank line")]
    [InlineData("REGISTER sip:p@d\r\n\r\n", "is not 'METHOD URI SIP/2.0'")]
    [InlineData("REGISTER sip:p@d SIP/1.0\r\n\r\n", "version 'SIP/1.0' is not SIP/2.0")]
    [InlineData("REG<ISTER sip:p@d SIP/2.0\r\n\r\n", "is not a token")]
    [InlineData("REGISTER nouri SIP/2.0\r\n\r\n", "has no scheme")]
    [InlineData("SIP/2.0 20 OK\r\n\r\n", "status code '20'")]
    [InlineData("MESSAGE sip:p@d SIP/2.0\r\nContent-Length: 10\r\n\r\nshort", "Content-Length 10 exceeds the 5 body bytes received")]
    [InlineData("MESSAGE sip:p@d SIP/2.0\r\nContent-Length: -1\r\n\r\n", "Content-Length '-1' is not a non-negative number")]
    [InlineData("MESSAGE sip:p@d SIP/2.0\r\nno colon here\r\n\r\n", "header line 'no colon here' has no name")]
    public void A_malformed_message_is_refused_with_a_precise_reason(string text, string reason)
    {
        var result = Parse(text);
        Assert.False(result.IsValid);
        Assert.Contains(reason, result.Error);
    }

    [Fact]
    public void A_request_with_a_bad_header_still_yields_what_a_400_needs()
    {
        var result = Parse(Register.Replace("Expires: 3600\r\n", "broken line\r\n"));
        Assert.False(result.IsValid);
        Assert.True(SipResponses.CanAnswer(result.Partial!));
    }

    [Fact]
    public void Size_limits_are_enforced()
    {
        var limits = new SipLimits { MaxHeaderBytes = 100, MaxBodyBytes = 4, MaxHeaders = 3 };
        Assert.Contains("headers exceed 100 bytes", SipParser.Parse(Encoding.UTF8.GetBytes(Register), limits).Error);
        Assert.Contains("exceeds the limit of 4",
            SipParser.Parse("MESSAGE sip:p@d SIP/2.0\r\nl: 5\r\n\r\n12345"u8, limits).Error);
        Assert.Contains("more than 3 headers",
            SipParser.Parse("MESSAGE sip:p@d SIP/2.0\r\na: 1\r\nb: 2\r\nc: 3\r\nd: 4\r\n\r\n"u8, limits).Error);
    }

    [Fact]
    public void A_response_copies_Via_From_Call_ID_and_CSeq_and_tags_To()
    {
        var request = (SipRequest)Parse(Register.Replace("Via:", "Via: SIP/2.0/UDP proxy;branch=z9hG4bKp\r\nVia:")).Message!;

        var response = SipResponses.Create(request, 200);
        var text = Encoding.UTF8.GetString(SipWriter.ToBytes(response));
        var reparsed = Assert.IsType<SipResponse>(SipParser.Parse(SipWriter.ToBytes(response)).Message);

        Assert.StartsWith("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP proxy;branch=z9hG4bKp\r\nVia: SIP/2.0/UDP 192.168.1.64", text);
        Assert.Equal(request.Headers.Get("From"), reparsed.Headers.Get("From"));
        Assert.Equal("42@192.168.1.64", reparsed.CallId);
        Assert.Equal("1 REGISTER", reparsed.Headers.Get("CSeq"));
        Assert.False(string.IsNullOrEmpty(SipAddress.TryParse(reparsed.Headers.Get("To"), out var to) ? to.Tag : null));
        Assert.EndsWith("Content-Length: 0\r\n\r\n", text);
    }

    [Fact]
    public void A_To_that_already_has_a_tag_keeps_it()
    {
        var request = (SipRequest)Parse(Register.Replace("To: <sip:34020000001320000001@3402000000>", "To: <sip:x@d>;tag=mine")).Message!;
        Assert.Equal("<sip:x@d>;tag=mine", SipResponses.Create(request, 200).Headers.Get("To"));
    }

    [Fact]
    public void An_error_response_carries_its_reason_in_a_Warning()
    {
        var request = (SipRequest)Parse(Register).Message!;
        var response = SipResponses.Error(request, 400, "<AlarmPriority> '9' is not a whole number 1-4");
        Assert.Equal("400 Bad Request", $"{response.StatusCode} {response.Reason}");
        Assert.Equal("399 governance \"<AlarmPriority> '9' is not a whole number 1-4\"", response.Headers.Get("Warning"));
    }

    [Fact]
    public void A_reason_echoing_the_peers_text_cannot_break_out_of_the_Warning_header()
    {
        var request = (SipRequest)Parse(Register).Message!;
        var response = SipResponses.Error(request, 400, "<AlarmTime> 'x\r\nEvil: \"yes\"' is not yyyy-MM-ddTHH:mm:ss");

        var reparsed = (SipResponse)SipParser.Parse(SipWriter.ToBytes(response)).Message!;

        Assert.Null(reparsed.Headers.Get("Evil"));
        Assert.Equal("399 governance \"<AlarmTime> 'x  Evil: 'yes'' is not yyyy-MM-ddTHH:mm:ss\"", reparsed.Headers.Get("Warning"));
    }

    [Fact]
    public void The_received_address_and_rport_are_stamped_on_the_top_Via()
    {
        var stamped = SipDispatcher.StampReceived("SIP/2.0/UDP 192.168.1.64:5060;rport;branch=z9hG4bK1",
            new System.Net.IPEndPoint(System.Net.IPAddress.Parse("10.0.0.9"), 40000));
        Assert.Equal("SIP/2.0/UDP 192.168.1.64:5060;rport=40000;branch=z9hG4bK1;received=10.0.0.9", stamped);
    }
}
