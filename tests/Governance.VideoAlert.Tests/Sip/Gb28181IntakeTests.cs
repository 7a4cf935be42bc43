using System.Net;
using System.Text;
using Governance.VideoAlert.Sip;

namespace Governance.VideoAlert.Tests.Sip;

public class Gb28181IntakeTests
{
    private const string Camera = FakeDevices.Camera;
    private static string Branch() => "z9hG4bK" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Register_is_challenged_then_accepted_with_Expires_and_Date()
    {
        var harness = new IntakeHarness();

        var ok = await harness.RegisterAsync(Camera, FakeDevices.Password, expires: 7200);

        Assert.Equal(200, ok.StatusCode);
        Assert.Equal("7200", ok.Headers.Get("Expires"));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$", ok.Headers.Get("Date"));
        var registration = Assert.Single(harness.Devices.Registrations);
        Assert.Equal(Camera, registration.DeviceId.Value);
        Assert.Equal(IntakeHarness.Device, registration.Remote);
        Assert.InRange(registration.Expires - harness.Clock.GetUtcNow(), TimeSpan.FromSeconds(7190), TimeSpan.FromSeconds(7200));
    }

    [Fact]
    public async Task A_wrong_password_is_forbidden_and_an_unknown_device_not_found()
    {
        var harness = new IntakeHarness();

        var wrong = await harness.RegisterAsync(Camera, "guess");
        var unknown = await harness.SendAsync(SipText.Register("34020000001320000099", "UDP", Branch(), 1));

        Assert.Equal(403, wrong.StatusCode);
        Assert.Contains("digest response does not match", wrong.Headers.Get("Warning"));
        Assert.Equal(404, unknown!.StatusCode);
        Assert.Empty(harness.Devices.Registrations);
    }

    [Fact]
    public async Task A_captured_REGISTER_replayed_from_another_address_does_not_move_the_registration()
    {
        var harness = new IntakeHarness();
        var challenge = (await harness.SendAsync(SipText.Register(Camera, "UDP", Branch(), 1)))!;
        var register = SipText.Register(Camera, "UDP", Branch(), 2, SipText.Answer(challenge, Camera, FakeDevices.Password));
        Assert.Equal(200, (await harness.SendAsync(register))!.StatusCode);
        var attacker = new IPEndPoint(IPAddress.Parse("10.6.6.6"), 5060);

        var replay = await harness.SendAsync(register, attacker);
        var forged = await harness.SendAsync(SipText.Message(Camera, "UDP", Branch(), 3, SipText.Alarm(Camera)), attacker);

        Assert.Equal(401, replay!.StatusCode);
        Assert.Equal(403, forged!.StatusCode);
        Assert.Single(harness.Devices.Registrations);
        Assert.Empty(harness.Devices.Alarms);
    }

    [Fact]
    public async Task A_From_that_is_not_a_device_id_is_a_bad_request()
    {
        var harness = new IntakeHarness();
        var response = await harness.SendAsync(SipText.Register("camera-7", "UDP", Branch(), 1));
        Assert.Equal(400, response!.StatusCode);
        Assert.Contains("From user: device id 'camera-7' has 8 characters", response.Headers.Get("Warning"));
    }

    [Fact]
    public async Task Expires_zero_unregisters_and_too_brief_is_423()
    {
        var harness = new IntakeHarness();
        await harness.RegisterAsync(Camera, FakeDevices.Password);

        var brief = await harness.RegisterAsync(Camera, FakeDevices.Password, expires: 10);
        var gone = await harness.RegisterAsync(Camera, FakeDevices.Password, expires: 0);

        Assert.Equal((423, "60"), (brief.StatusCode, brief.Headers.Get("Min-Expires")));
        Assert.Equal((200, "0"), (gone.StatusCode, gone.Headers.Get("Expires")));
        Assert.Equal(Camera, Assert.Single(harness.Devices.Unregistrations).Value);
        var keepalive = await harness.SendAsync(SipText.Message(Camera, "UDP", Branch(), 3, SipText.Keepalive(Camera)));
        Assert.Equal(403, keepalive!.StatusCode);
    }

    [Fact]
    public async Task Keepalive_and_alarm_reach_the_device_events_before_200()
    {
        var harness = new IntakeHarness();
        await harness.RegisterAsync(Camera, FakeDevices.Password);

        var keepalive = await harness.SendAsync(SipText.Message(Camera, "UDP", Branch(), 3, SipText.Keepalive(Camera, "44")));
        var alarm = await harness.SendAsync(SipText.Message(Camera, "UDP", Branch(), 4, SipText.Alarm(Camera)));

        Assert.Equal((200, 200), (keepalive!.StatusCode, alarm!.StatusCode));
        Assert.Equal("44", Assert.Single(harness.Devices.Keepalives).Keepalive.Sn);
        var stored = Assert.Single(harness.Devices.Alarms);
        Assert.Equal(("区域入侵", 1, 6), (stored.Alarm.Description, stored.Alarm.Priority, stored.Alarm.AlarmType));
    }

    [Fact]
    public async Task A_lower_platforms_cascaded_alarm_is_accepted_with_both_ids()
    {
        var harness = new IntakeHarness();
        await harness.RegisterAsync(FakeDevices.LowerPlatform, "platform-secret");
        const string remoteCamera = "34020100001310000042";

        var response = await harness.SendAsync(SipText.Message(FakeDevices.LowerPlatform, "UDP", Branch(), 3, SipText.Alarm(remoteCamera)));

        Assert.Equal(200, response!.StatusCode);
        var (sender, alarm) = Assert.Single(harness.Devices.Alarms);
        Assert.Equal((FakeDevices.LowerPlatform, remoteCamera), (sender.Value, alarm.DeviceId.Value));
    }

    [Fact]
    public async Task A_message_from_an_unregistered_device_or_another_address_is_forbidden()
    {
        var harness = new IntakeHarness();
        var unregistered = await harness.SendAsync(SipText.Message(Camera, "UDP", Branch(), 3, SipText.Alarm(Camera)));
        await harness.RegisterAsync(Camera, FakeDevices.Password);
        var elsewhere = await harness.SendAsync(SipText.Message(Camera, "UDP", Branch(), 4, SipText.Alarm(Camera)),
            new IPEndPoint(IPAddress.Parse("10.9.9.9"), 5060));
        var unknown = await harness.SendAsync(SipText.Message("34020000001320000099", "UDP", Branch(), 1, SipText.Alarm(Camera)));

        Assert.Equal(403, unregistered!.StatusCode);
        Assert.Contains("is not registered", unregistered.Headers.Get("Warning"));
        Assert.Equal(403, elsewhere!.StatusCode);
        Assert.Equal(404, unknown!.StatusCode);
        Assert.Empty(harness.Devices.Alarms);
    }

    [Fact]
    public async Task A_bad_body_is_400_with_the_reason_and_a_foreign_content_type_415()
    {
        var harness = new IntakeHarness();
        await harness.RegisterAsync(Camera, FakeDevices.Password);

        var bad = await harness.SendAsync(SipText.Message(Camera, "UDP", Branch(), 3, SipText.Alarm(Camera, priority: 7)));
        var broken = await harness.SendAsync(SipText.Message(Camera, "UDP", Branch(), 4, "<Notify><CmdType>Alarm"u8.ToArray()));
        var json = await harness.SendAsync(SipText.Message(Camera, "UDP", Branch(), 5, "{}"u8.ToArray(), "application/json"));

        Assert.Equal(400, bad!.StatusCode);
        Assert.Contains("<AlarmPriority> '7' is not a whole number 1-4", bad.Headers.Get("Warning"));
        Assert.Equal(400, broken!.StatusCode);
        Assert.Contains("not well-formed XML", broken.Headers.Get("Warning"));
        Assert.Equal(415, json!.StatusCode);
        Assert.Empty(harness.Devices.Alarms);
    }

    [Fact]
    public async Task When_the_alarm_cannot_be_stored_the_answer_is_500_so_the_device_retries()
    {
        var harness = new IntakeHarness();
        await harness.RegisterAsync(Camera, FakeDevices.Password);
        harness.Devices.AlarmFailure = new InvalidOperationException("database down");

        var response = await harness.SendAsync(SipText.Message(Camera, "UDP", Branch(), 3, SipText.Alarm(Camera)));

        Assert.Equal(500, response!.StatusCode);
    }

    [Fact]
    public async Task An_alarm_about_a_camera_the_registry_does_not_know_or_retired_is_answered_404_as_no_retry_helps()
    {
        var harness = new IntakeHarness();
        await harness.RegisterAsync(Camera, FakeDevices.Password);
        harness.Devices.AlarmFailure = new UnknownDeviceException("a retired camera");

        var response = await harness.SendAsync(SipText.Message(Camera, "UDP", Branch(), 3, SipText.Alarm(Camera)));

        Assert.Equal(404, response!.StatusCode);
    }

    [Theory]
    [InlineData("INVITE", 405)]
    [InlineData("SUBSCRIBE", 405)]
    [InlineData("OPTIONS", 200)]
    [InlineData("FROBNICATE", 501)]
    public async Task Other_methods_are_answered_as_RFC_3261_says(string method, int code)
    {
        var harness = new IntakeHarness();
        var request = Encoding.UTF8.GetString(SipText.Message(Camera, "UDP", Branch(), 1, []))
            .Replace("MESSAGE", method);

        var response = await harness.SendAsync(Encoding.UTF8.GetBytes(request));

        Assert.Equal(code, response!.StatusCode);
        if (code != 501) Assert.Equal(Gb28181Intake.Allow, response.Headers.Get("Allow"));
    }

    [Fact]
    public async Task An_ACK_gets_no_answer()
    {
        var harness = new IntakeHarness();
        var ack = Encoding.UTF8.GetString(SipText.Message(Camera, "UDP", Branch(), 1, [])).Replace("MESSAGE", "ACK");
        Assert.Null(await harness.SendAsync(Encoding.UTF8.GetBytes(ack)));
    }

    [Theory]
    [InlineData("CSeq: 4 MESSAGE", "CSeq: 4 REGISTER", "CSeq method REGISTER differs from the request's MESSAGE")]
    [InlineData("Via: SIP/2.0/UDP 127.0.0.1:5070", "Via: SIP/3.0/UDP 127.0.0.1:5070", "is not 'SIP/2.0/transport host'")]
    [InlineData("To: <sip:34020000002000000001@3402000000>", "To: nowhere", "To is not a sip: address")]
    public async Task A_request_breaking_RFC_3261_is_400(string from, string to, string reason)
    {
        var harness = new IntakeHarness();
        var text = Encoding.UTF8.GetString(SipText.Message(Camera, "UDP", Branch(), 4, SipText.Keepalive(Camera))).Replace(from, to);

        var response = await harness.SendAsync(Encoding.UTF8.GetBytes(text));

        Assert.Equal(400, response!.StatusCode);
        Assert.Contains(reason, response.Headers.Get("Warning"));
    }

    [Fact]
    public async Task A_request_missing_Call_ID_cannot_be_answered_and_is_dropped()
    {
        var harness = new IntakeHarness();
        var text = Encoding.UTF8.GetString(SipText.Message(Camera, "UDP", Branch(), 4, [])).Replace("Call-ID: msg-1\r\n", "");
        Assert.Null(await harness.SendAsync(Encoding.UTF8.GetBytes(text)));
    }
}
