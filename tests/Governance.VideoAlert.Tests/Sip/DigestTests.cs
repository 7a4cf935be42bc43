using System.Text;
using Governance.VideoAlert.Sip;

namespace Governance.VideoAlert.Tests.Sip;

public class DigestTests
{
    private const string Device = "34020000001320000001";
    private const string Realm = "3402000000";

    [Fact]
    public void The_RFC_2617_example_gives_its_published_response()
    {
        // RFC 2617 §3.5.
        var response = Digest.Response("Mufasa", "testrealm@host.com", "Circle Of Life", "GET", "/dir/index.html",
            "dcd98b7102dd2f0e8b11d0f600bfb0c093", "auth", "00000001", "0a4f113b");
        Assert.Equal("6629fae49393a05397450978507c4ef1", response);
    }

    [Fact]
    public void Without_qop_the_response_is_the_RFC_2069_form()
    {
        // MD5(HA1:nonce:HA2), computed independently with Python's hashlib.
        var response = Digest.Response("Mufasa", "testrealm@host.com", "Circle Of Life", "GET", "/dir/index.html",
            "dcd98b7102dd2f0e8b11d0f600bfb0c093", null, null, null);
        Assert.Equal("670fd8c2df070c60b045671b8b24ff02", response);
    }

    [Fact]
    public void An_Authorization_header_is_read_with_quoted_and_bare_values()
    {
        Assert.True(DigestHeader.TryParse(
            "Digest username=\"Mufasa\",realm=\"testrealm@host.com\", nonce=\"a,b\", uri=\"/dir/index.html\", qop=auth, nc=00000001, " +
            "cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\", algorithm=MD5", out var header));
        Assert.Equal("Mufasa", header["USERNAME"]);
        Assert.Equal("a,b", header["nonce"]);
        Assert.Equal("auth", header["qop"]);
        Assert.Equal("MD5", header["algorithm"]);
        Assert.False(DigestHeader.TryParse("Basic QWxhZGRpbjpvcGVu", out _));
    }

    private static (SipDigestAuthenticator Authenticator, TestClock Clock) NewAuthenticator()
    {
        var clock = new TestClock();
        return (new SipDigestAuthenticator(new SipNonces(clock, TimeSpan.FromMinutes(5)), Realm), clock);
    }

    private static SipRequest Register(string? authorization)
    {
        var text = "REGISTER sip:34020000002000000001@3402000000 SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n" +
                   $"From: <sip:{Device}@{Realm}>;tag=1\r\nTo: <sip:{Device}@{Realm}>\r\nCall-ID: c\r\nCSeq: 1 REGISTER\r\n" +
                   (authorization is null ? "" : $"Authorization: {authorization}\r\n") + "Content-Length: 0\r\n\r\n";
        return (SipRequest)SipParser.Parse(Encoding.UTF8.GetBytes(text)).Message!;
    }

    private static string Answer(string nonce, string password, string username = Device, string realm = Realm, bool qop = true,
        string nc = "00000001")
    {
        const string uri = "sip:34020000002000000001@3402000000";
        var response = Digest.Response(username, realm, password, "REGISTER", uri, nonce, qop ? "auth" : null, nc, "c1");
        return $"Digest username=\"{username}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\", response=\"{response}\", algorithm=MD5"
               + (qop ? $", qop=auth, nc={nc}, cnonce=\"c1\"" : "");
    }

    private static string NonceOf(SipResponse challenge)
    {
        Assert.Equal(401, challenge.StatusCode);
        Assert.True(DigestHeader.TryParse(challenge.Headers.Get("WWW-Authenticate"), out var header));
        Assert.Equal(Realm, header["realm"]);
        Assert.Equal("auth", header["qop"]);
        return header["nonce"]!;
    }

    [Fact]
    public void A_request_without_credentials_is_challenged_and_the_right_answer_accepted_with_or_without_qop()
    {
        var (auth, _) = NewAuthenticator();
        var credential = new SipCredential("12345678");
        Assert.Equal(DigestOutcomeKind.Challenge, auth.Verify(Register(null), Device, credential).Kind);
        var nonce = NonceOf(auth.ChallengeResponse(Register(null), stale: false));

        Assert.Equal(DigestOutcomeKind.Accepted, auth.Verify(Register(Answer(nonce, "12345678")), Device, credential).Kind);
        var second = NonceOf(auth.ChallengeResponse(Register(null), stale: false));
        Assert.Equal(DigestOutcomeKind.Accepted, auth.Verify(Register(Answer(second, "12345678", qop: false)), Device, credential).Kind);
    }

    [Fact]
    public void A_replayed_answer_is_challenged_again_and_a_higher_nonce_count_accepted()
    {
        var (auth, _) = NewAuthenticator();
        var credential = new SipCredential("12345678");
        var nonce = NonceOf(auth.ChallengeResponse(Register(null), false));
        var answer = Answer(nonce, "12345678");

        Assert.Equal(DigestOutcomeKind.Accepted, auth.Verify(Register(answer), Device, credential).Kind);
        var replay = auth.Verify(Register(answer), Device, credential);
        Assert.Equal((DigestOutcomeKind.Challenge, true), (replay.Kind, replay.Stale));
        Assert.Equal(DigestOutcomeKind.Accepted, auth.Verify(Register(Answer(nonce, "12345678", nc: "00000002")), Device, credential).Kind);

        var once = NonceOf(auth.ChallengeResponse(Register(null), false));
        Assert.Equal(DigestOutcomeKind.Accepted, auth.Verify(Register(Answer(once, "12345678", qop: false)), Device, credential).Kind);
        Assert.Equal(DigestOutcomeKind.Challenge, auth.Verify(Register(Answer(once, "12345678", qop: false)), Device, credential).Kind);
    }

    [Fact]
    public void A_wrong_password_or_another_devices_username_is_refused()
    {
        var (auth, _) = NewAuthenticator();
        var nonce = NonceOf(auth.ChallengeResponse(Register(null), false));
        var credential = new SipCredential("12345678");

        var wrong = auth.Verify(Register(Answer(nonce, "guess")), Device, credential);
        Assert.Equal((DigestOutcomeKind.Refused, "digest response does not match"), (wrong.Kind, wrong.Reason));
        var other = auth.Verify(Register(Answer(nonce, "12345678", username: "34020000001320000002")), Device, credential);
        Assert.Equal(DigestOutcomeKind.Refused, other.Kind);
        Assert.Contains("is not the registering device", other.Reason);
    }

    [Fact]
    public void A_nonce_we_did_not_issue_is_challenged_again_and_an_expired_one_is_stale()
    {
        var (auth, clock) = NewAuthenticator();
        var credential = new SipCredential("12345678");
        var forged = auth.Verify(Register(Answer("1700000000.00.deadbeef", "12345678")), Device, credential);
        Assert.Equal((DigestOutcomeKind.Challenge, false), (forged.Kind, forged.Stale));

        var nonce = NonceOf(auth.ChallengeResponse(Register(null), false));
        clock.Advance(TimeSpan.FromMinutes(6));
        var expired = auth.Verify(Register(Answer(nonce, "12345678")), Device, credential);
        Assert.Equal((DigestOutcomeKind.Challenge, true), (expired.Kind, expired.Stale));
        Assert.Contains("stale=true", auth.ChallengeResponse(Register(null), stale: true).Headers.Get("WWW-Authenticate"));
    }

    [Fact]
    public void A_nonce_from_another_process_key_is_not_accepted()
    {
        var (issuer, _) = NewAuthenticator();
        var (verifier, _) = NewAuthenticator();
        var nonce = NonceOf(issuer.ChallengeResponse(Register(null), false));
        Assert.Equal(DigestOutcomeKind.Challenge, verifier.Verify(Register(Answer(nonce, "12345678")), Device, new SipCredential("12345678")).Kind);
    }
}
