using System.Text;
using Governance.VideoAlert.Sip;

namespace Governance.VideoAlert.Tests.Sip;

/// <summary>Requests as a GB/T 28181 camera writes them, for tests that play the device by hand.</summary>
public static class SipText
{
    public const string Platform = "34020000002000000001";
    public const string Domain = "3402000000";
    public const string RequestUri = $"sip:{Platform}@{Domain}";

    public static byte[] Register(string device, string transport, string branch, int cseq, string? authorization = null, int expires = 3600,
        string callId = "reg-1", string? host = "127.0.0.1:5070") => Encoding.UTF8.GetBytes(
        $"REGISTER {RequestUri} SIP/2.0\r\n" +
        $"Via: SIP/2.0/{transport} {host};rport;branch={branch}\r\n" +
        $"From: <sip:{device}@{Domain}>;tag=dev{cseq}\r\n" +
        $"To: <sip:{device}@{Domain}>\r\n" +
        $"Call-ID: {callId}\r\n" +
        $"CSeq: {cseq} REGISTER\r\n" +
        $"Contact: <sip:{device}@{host}>\r\n" +
        "Max-Forwards: 70\r\n" +
        (authorization is null ? "" : $"Authorization: {authorization}\r\n") +
        $"Expires: {expires}\r\n" +
        "Content-Length: 0\r\n\r\n");

    public static byte[] Message(string device, string transport, string branch, int cseq, byte[] body,
        string contentType = "Application/MANSCDP+xml", string callId = "msg-1") =>
    [
        .. Encoding.UTF8.GetBytes(
            $"MESSAGE {RequestUri} SIP/2.0\r\n" +
            $"Via: SIP/2.0/{transport} 127.0.0.1:5070;rport;branch={branch}\r\n" +
            $"From: <sip:{device}@{Domain}>;tag=m{cseq}\r\n" +
            $"To: <sip:{Platform}@{Domain}>\r\n" +
            $"Call-ID: {callId}\r\n" +
            $"CSeq: {cseq} MESSAGE\r\n" +
            $"Content-Type: {contentType}\r\n" +
            "Max-Forwards: 70\r\n" +
            $"Content-Length: {body.Length}\r\n\r\n"),
        .. body,
    ];

    public static byte[] Keepalive(string device, string sn = "1") => Encoding.UTF8.GetBytes(
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<Notify>\r\n<CmdType>Keepalive</CmdType>\r\n<SN>{sn}</SN>\r\n<DeviceID>{device}</DeviceID>\r\n<Status>OK</Status>\r\n</Notify>\r\n");

    public static byte[] Alarm(string device, string sn = "17430", int priority = 1, string description = "区域入侵")
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB2312").GetBytes(
            $"<?xml version=\"1.0\" encoding=\"GB2312\"?>\r\n<Notify>\r\n<CmdType>Alarm</CmdType>\r\n<SN>{sn}</SN>\r\n" +
            $"<DeviceID>{device}</DeviceID>\r\n<AlarmPriority>{priority}</AlarmPriority>\r\n<AlarmMethod>5</AlarmMethod>\r\n" +
            $"<AlarmTime>2026-11-29T08:00:00</AlarmTime>\r\n<AlarmDescription>{description}</AlarmDescription>\r\n" +
            "<Info>\r\n<AlarmType>6</AlarmType>\r\n</Info>\r\n</Notify>\r\n");
    }

    /// <summary>The Authorization answering a 401, as a device computes it.</summary>
    public static string Answer(SipResponse challenge, string device, string password, string method = "REGISTER")
    {
        DigestHeader.TryParse(challenge.Headers.Get("WWW-Authenticate"), out var header);
        var nonce = header!["nonce"]!;
        var realm = header["realm"]!;
        var response = Digest.Response(device, realm, password, method, RequestUri, nonce, "auth", "00000001", "abcdef");
        return $"Digest username=\"{device}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{RequestUri}\", response=\"{response}\", " +
               "algorithm=MD5, qop=auth, nc=00000001, cnonce=\"abcdef\"";
    }

    public static SipResponse Response(byte[] bytes) => Assert.IsType<SipResponse>(SipParser.Parse(bytes).Message);
}
